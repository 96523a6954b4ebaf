//! Every string docket shows a person, in Chinese and English.
//!
//! Identifiers from files (ids, field names, values) are set in backticks in both languages,
//! and escaped, so nothing a file holds can steer the terminal.

use std::env;

use crate::diag::{Expect, Msg, Severity, Special, Thing};
use crate::domain::text::Lang;
use crate::sanitize::escape;

/// The language from `LC_ALL`, `LC_MESSAGES` or `LANG`, the first that is set (POSIX order).
pub fn lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = env::var(var)
            && !v.is_empty()
        {
            return Lang::from_locale(&v);
        }
    }
    Lang::En
}

pub fn severity(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Warning, Lang::Zh) => "警告",
    }
}

/// A text from a file, quoted: at most `EXCERPT` characters of it, so that a message about
/// a file that is not what it should be (a rules path naming /etc/shadow) never shows it.
fn q(s: &str) -> String {
    format!("`{}`", escape(&excerpt(s)))
}

fn list(items: &[impl AsRef<str>], lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    };
    items
        .iter()
        .map(|s| escape(s.as_ref()).into_owned())
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn thing(t: Thing, lang: Lang) -> &'static str {
    match (t, lang) {
        (Thing::Case, Lang::En) => "case",
        (Thing::Case, Lang::Zh) => "案件",
        (Thing::Member, Lang::En) => "member",
        (Thing::Member, Lang::Zh) => "成员",
        (Thing::Situation, Lang::En) => "situation",
        (Thing::Situation, Lang::Zh) => "容错情形",
        (Thing::Ground, Lang::En) => "ground",
        (Thing::Ground, Lang::Zh) => "调整情形",
        (Thing::Outcome, Lang::En) => "outcome",
        (Thing::Outcome, Lang::Zh) => "处理结果",
        (Thing::Kind, Lang::En) => "case kind",
        (Thing::Kind, Lang::Zh) => "案件类别",
        (Thing::Distinction, Lang::En) => "distinction",
        (Thing::Distinction, Lang::Zh) => "区分",
        (Thing::Opinion, Lang::En) => "opinion",
        (Thing::Opinion, Lang::Zh) => "表态意见",
        (Thing::Method, Lang::En) => "voting method",
        (Thing::Method, Lang::Zh) => "表决方式",
        (Thing::Rules, Lang::En) => "rules",
        (Thing::Rules, Lang::Zh) => "规则",
    }
}

fn expect(e: Expect, lang: Lang) -> &'static str {
    match (e, lang) {
        (Expect::Text, Lang::En) => "a text",
        (Expect::Text, Lang::Zh) => "文本",
        (Expect::List, Lang::En) => "a list",
        (Expect::List, Lang::Zh) => "列表",
        (Expect::Mapping, Lang::En) => "a mapping of `field: value`",
        (Expect::Mapping, Lang::Zh) => "`字段: 值` 形式的映射",
        (Expect::Bool, Lang::En) => "true or false",
        (Expect::Bool, Lang::Zh) => "true 或 false",
        (Expect::BilingualText, Lang::En) => "a text, or `zh:` and `en:` texts",
        (Expect::BilingualText, Lang::Zh) => "文本，或 `zh:` 与 `en:` 两段文本",
    }
}

fn special(s: Special, lang: Lang) -> &'static str {
    match (s, lang) {
        (Special::Fifo, Lang::En) => "a FIFO",
        (Special::Fifo, Lang::Zh) => "命名管道（FIFO）",
        (Special::Device, Lang::En) => "a device",
        (Special::Device, Lang::Zh) => "设备文件",
        (Special::Socket, Lang::En) => "a socket",
        (Special::Socket, Lang::Zh) => "套接字",
        (Special::Other, Lang::En) => "not a regular file",
        (Special::Other, Lang::Zh) => "非普通文件",
    }
}

/// One diagnostic message in `lang`.
pub fn msg(m: &Msg, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (m, lang) {
        (Msg::Io(k, e), En) => format!("cannot read: {}", io_error_kind(*k, e, En)),
        (Msg::Io(k, e), Zh) => format!("无法读取：{}", io_error_kind(*k, e, Zh)),
        (Msg::NotFound, En) => "no such file".into(),
        (Msg::NotFound, Zh) => "文件不存在".into(),
        (Msg::TooLarge(n), En) => format!("file is larger than {} KiB; not read", n / 1024),
        (Msg::TooLarge(n), Zh) => format!("文件超过 {} KiB，未读取", n / 1024),
        (Msg::InvalidUtf8, En) => "not valid UTF-8 text here; save the file as UTF-8".into(),
        (Msg::InvalidUtf8, Zh) => "此处不是有效的 UTF-8 文本；请以 UTF-8 编码保存文件".into(),
        (Msg::Empty, En) => "file is empty".into(),
        (Msg::Empty, Zh) => "文件为空".into(),
        (Msg::Syntax(s), En) => format!("YAML syntax error: {}", escape(s)),
        (Msg::Syntax(s), Zh) => format!("YAML 语法错误：{}", escape(s)),
        (Msg::SyntaxTab, En) => {
            "YAML syntax error: a tab in the indentation; YAML indents with spaces only".into()
        }
        (Msg::SyntaxTab, Zh) => "YAML 语法错误：缩进中有制表符（Tab）；YAML 只能用空格缩进".into(),
        (Msg::SyntaxUnclosed(b), En) => {
            format!("YAML syntax error: this `{b}` is never closed")
        }
        (Msg::SyntaxUnclosed(b), Zh) => format!("YAML 语法错误：此处的 `{b}` 没有闭合"),
        (Msg::SyntaxIndent, En) => {
            "YAML syntax error: this line's indentation does not match the lines above it".into()
        }
        (Msg::SyntaxIndent, Zh) => "YAML 语法错误：此行的缩进与上面各行不一致".into(),
        (Msg::MultipleDocuments, En) => "more than one YAML document (`---`); one per file".into(),
        (Msg::MultipleDocuments, Zh) => "包含多个 YAML 文档（`---`）；每个文件只能有一个".into(),
        (Msg::TooDeep(n), En) => format!("nested more than {n} levels deep"),
        (Msg::TooDeep(n), Zh) => format!("嵌套超过 {n} 层"),
        (Msg::TooManyNodes(n), En) => {
            format!("more than {n} values (aliases expanding without end?); not read")
        }
        (Msg::TooManyNodes(n), Zh) => format!("值超过 {n} 个（别名无限展开？），未读取"),
        (Msg::DuplicateKey { key, first_line }, En) => {
            format!("duplicate key {} (first at line {first_line})", q(key))
        }
        (Msg::DuplicateKey { key, first_line }, Zh) => {
            format!("键 {} 重复（首次出现在第 {first_line} 行）", q(key))
        }
        (Msg::ComplexKey, En) => "a key must be plain text".into(),
        (Msg::ComplexKey, Zh) => "键必须是普通文本".into(),
        (Msg::UnknownField { field, valid }, En) => {
            format!(
                "unknown field {}; valid fields: {}",
                q(field),
                list(valid, En)
            )
        }
        (Msg::UnknownField { field, valid }, Zh) => {
            format!("未知字段 {}；可用字段：{}", q(field), list(valid, Zh))
        }
        (Msg::MissingField(f), En) => format!("missing field {}", q(f)),
        (Msg::MissingField(f), Zh) => format!("缺少字段 {}", q(f)),
        (Msg::Expected(e), En) => format!("expected {}", expect(*e, En)),
        (Msg::Expected(e), Zh) => format!("此处应为{}", expect(*e, Zh)),
        (Msg::EmptyValue(f), En) => format!("{} is empty", q(f)),
        (Msg::EmptyValue(f), Zh) => format!("{} 为空", q(f)),
        (Msg::InvalidChoice { value, valid }, En) => {
            format!("{} is not one of: {}", q(value), list(valid, En))
        }
        (Msg::InvalidChoice { value, valid }, Zh) => {
            format!("{} 不是可选值之一：{}", q(value), list(valid, Zh))
        }
        (Msg::BadDate(s), En) => format!("{} is not a date written YYYY-MM-DD", q(s)),
        (Msg::BadDate(s), Zh) => format!("{} 不是 YYYY-MM-DD 格式的有效日期", q(s)),
        (Msg::NoSuchDay(s), En) => format!("{} is not a day of the calendar", q(s)),
        (Msg::NoSuchDay(s), Zh) => format!("{} 不是日历上存在的日期", q(s)),
        (Msg::BadFraction(s), En) => format!("{} is not a fraction such as \"2/3\"", q(s)),
        (Msg::BadFraction(s), Zh) => format!("{} 不是 \"2/3\" 这样的分数", q(s)),
        (Msg::QuorumAboveOne(s), En) => {
            format!("quorum {} is above 1 and can never be met", q(s))
        }
        (Msg::QuorumAboveOne(s), Zh) => format!("到会比例 {} 大于 1，永远无法达到", q(s)),
        (Msg::QuorumZero, En) => "quorum 0: any attendance, even none, would meet it".into(),
        (Msg::QuorumZero, Zh) => "到会比例为 0：无人到会也算达到".into(),
        (Msg::UnknownTimezone(s), En) => {
            format!(
                "unknown time zone {}; use an IANA name such as Asia/Shanghai",
                q(s)
            )
        }
        (Msg::BadKey, En) => {
            "not an SSH public key; give the line of the member's id_ed25519.pub (or id_rsa.pub)"
                .into()
        }
        (Msg::BadKey, Zh) => {
            "不是 SSH 公钥；请填写该成员 id_ed25519.pub（或 id_rsa.pub）中的那一行".into()
        }
        (Msg::BadPrincipal(id), En) => format!(
            "member id {} cannot name a signer: with a key, an id needs no spaces, dots, commas, quotes or * ? !",
            q(id)
        ),
        (Msg::BadPrincipal(id), Zh) => format!(
            "成员编号 {} 不能用作签名人：给出公钥的成员，其编号不能含空格、句点、逗号、引号或 * ? !",
            q(id)
        ),
        (Msg::SharedKey(other), En) => format!(
            "this member is given the same key as {}: one key is one person",
            q(other)
        ),
        (Msg::SharedKey(other), Zh) => {
            format!("该成员的公钥与 {} 相同：一把密钥只属于一个人", q(other))
        }
        (Msg::UnknownTimezone(s), Zh) => {
            format!("未知时区 {}；请使用 IANA 名称，如 Asia/Shanghai", q(s))
        }
        (
            Msg::DuplicateId {
                thing: t,
                id,
                first,
            },
            En,
        ) => {
            format!(
                "duplicate {} id {} (first at {})",
                thing(*t, En),
                q(id),
                escape(first)
            )
        }
        (
            Msg::DuplicateId {
                thing: t,
                id,
                first,
            },
            Zh,
        ) => {
            format!(
                "{}编号 {} 重复（首次出现在 {}）",
                thing(*t, Zh),
                q(id),
                escape(first)
            )
        }
        (
            Msg::UnknownRef {
                thing: t,
                id,
                valid,
            },
            En,
        ) => {
            let mut s = format!("unknown {} {}", thing(*t, En), q(id));
            if !valid.is_empty() {
                s.push_str(&format!("; known: {}", list(valid, En)));
            }
            s
        }
        (
            Msg::UnknownRef {
                thing: t,
                id,
                valid,
            },
            Zh,
        ) => {
            let mut s = format!("未知{} {}", thing(*t, Zh), q(id));
            if !valid.is_empty() {
                s.push_str(&format!("；可用：{}", list(valid, Zh)));
            }
            s
        }
        (
            Msg::OtherKind {
                thing: t,
                id,
                owner,
                kind,
            },
            En,
        ) => format!(
            "{} is {} {} of {} cases, but this is {} {} case",
            q(id),
            article(thing(*t, En)),
            thing(*t, En),
            q(owner),
            article(kind),
            q(kind)
        ),
        (
            Msg::OtherKind {
                thing: t,
                id,
                owner,
                kind,
            },
            Zh,
        ) => format!(
            "{} 是 {} 类案件的{}，而本案属于 {} 类",
            q(id),
            q(owner),
            thing(*t, Zh),
            q(kind)
        ),
        (Msg::ReviewOfSelf, En) => "a case cannot review itself".into(),
        (Msg::ReviewOfSelf, Zh) => "案件不能复核其自身".into(),
        (Msg::ReviewOfOtherKind { id, kind }, En) => {
            format!("reviews case {}, which is a {} case", q(id), q(kind))
        }
        (Msg::ReviewOfOtherKind { id, kind }, Zh) => {
            format!("所复核的案件 {} 属于 {} 类", q(id), q(kind))
        }
        (Msg::ChairCount(n), En) => format!("a panel needs exactly one chair; found {n}"),
        (Msg::ChairCount(n), Zh) => format!("审议组须有且仅有一名主持人（chair），现有 {n} 名"),
        (Msg::ClerkCount(n), En) => {
            format!("a panel usually has one clerk to keep the minutes; found {n}")
        }
        (Msg::ClerkCount(n), Zh) => format!("审议组通常有一名记录人（clerk），现有 {n} 名"),
        (Msg::NoVotingMembers, En) => {
            "no voting members (chair or member): the quorum can never be met".into()
        }
        (Msg::NoVotingMembers, Zh) => {
            "没有参加表决的成员（chair 或 member），永远无法达到法定人数".into()
        }
        (Msg::NoEntitled, En) => {
            "these conflicts recuse every voting member; nobody could decide the case".into()
        }
        (Msg::NoEntitled, Zh) => "回避后没有可参加表决的成员，本案无法作出决定".into(),
        (Msg::ConflictWithClerk(id), En) => {
            format!(
                "{} is the clerk and does not vote; recusal changes no count",
                q(id)
            )
        }
        (Msg::ConflictWithClerk(id), Zh) => {
            format!("{} 是记录人，不参加表决，回避不影响计数", q(id))
        }
        (Msg::NoDeferral(k), En) => {
            format!("case kind {} has no outcome with `deferral: true`", q(k))
        }
        (Msg::NoDeferral(k), Zh) => format!("案件类别 {} 没有 `deferral: true` 的处理结果", q(k)),
        (Msg::BothItemLists, En) => "a case kind has `situations` or `grounds`, not both".into(),
        (Msg::BothItemLists, Zh) => "案件类别只能有 `situations` 或 `grounds` 之一".into(),
        (Msg::NoItems, En) => "a case kind needs `situations` or `grounds`".into(),
        (Msg::NoItems, Zh) => "案件类别须有 `situations` 或 `grounds`".into(),
        (Msg::RemoveUnknown(id), En) => {
            format!("nothing to remove: {} is not in the extended rules", q(id))
        }
        (Msg::RemoveUnknown(id), Zh) => format!("无可删除：被继承的规则中没有 {}", q(id)),
        (Msg::SpecialFile(s), En) => format!("{}; skipped, not opened", special(*s, En)),
        (Msg::SpecialFile(s), Zh) => format!("{}，已跳过，未打开", special(*s, Zh)),
        (Msg::LinkOutside(t), En) => {
            format!(
                "link leading outside the panel folder (to {}); skipped",
                escape(t)
            )
        }
        (Msg::LinkOutside(t), Zh) => format!("链接指向审议组文件夹之外（{}），已跳过", escape(t)),
        (Msg::BrokenLink, En) => "link to nothing; skipped".into(),
        (Msg::BrokenLink, Zh) => "链接目标不存在，已跳过".into(),
        (Msg::NotYaml, En) => "not a .yaml or .yml file; skipped".into(),
        (Msg::NotYaml, Zh) => "不是 .yaml 或 .yml 文件，已跳过".into(),
        (Msg::Subfolder, En) => "a folder; cases are read from `cases/` itself; skipped".into(),
        (Msg::Subfolder, Zh) => "这是文件夹；案件只从 `cases/` 本层读取，已跳过".into(),
        (Msg::IsFolder, En) => "a folder, not a file".into(),
        (Msg::IsFolder, Zh) => "这是文件夹，不是文件".into(),
        (Msg::NoPanelFile, En) => "no panel.yaml: not a panel folder".into(),
        (Msg::NoPanelFile, Zh) => "没有 panel.yaml：不是审议组文件夹".into(),
        (Msg::NoCasesFolder, En) => "no `cases/` folder: the queue is empty".into(),
        (Msg::NoCasesFolder, Zh) => "没有 `cases/` 文件夹：案件队列为空".into(),
        (Msg::NoPanels, En) => "no panel folders (with a panel.yaml) here".into(),
        (Msg::NoPanels, Zh) => "此处没有审议组文件夹（含 panel.yaml）".into(),
        (Msg::ExtendsCycle(chain), En) => format!("rules extend themselves: {}", cycle(chain)),
        (Msg::ExtendsCycle(chain), Zh) => format!("规则循环继承：{}", cycle(chain)),
        (Msg::RulesOutside(path), lang) => rules_outside(path, lang),
        (Msg::UnknownRules { name, builtins }, En) => format!(
            "unknown rules {}: not a built-in rules id ({}) nor an existing file",
            q(name),
            list(builtins, En)
        ),
        (Msg::UnknownRules { name, builtins }, Zh) => format!(
            "未知规则 {}：既不是内置规则（{}），也不是存在的文件",
            q(name),
            list(builtins, Zh)
        ),
        (Msg::ControlChar(c), En) => format!(
            "control character {} in the text; it is shown escaped",
            escape(&c.to_string())
        ),
        (Msg::ControlChar(c), Zh) => {
            format!("文本中含控制字符 {}，显示时已转义", escape(&c.to_string()))
        }
        (Msg::MinutesReadable { mode }, En) => {
            format!("readable by other users (mode {mode:o}); run chmod o-rwx on it")
        }
        (Msg::MinutesReadable { mode }, Zh) => {
            format!("其他用户可读（权限 {mode:o}）；请对其执行 chmod o-rwx")
        }
        (Msg::WrittenLink, l) => WRITTEN_LINK.get(l).into(),
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn cycle(chain: &[String]) -> String {
    chain
        .iter()
        .map(|s| escape(s).into_owned())
        .collect::<Vec<_>>()
        .join(" -> ")
}

pub fn status_pending(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "pending",
        Lang::Zh => "待审议",
    }
}

/// A UI string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct S {
    pub en: &'static str,
    pub zh: &'static str,
}

impl S {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The same text, for the hint bar; key help is written short enough for both.
    pub fn short(self, lang: Lang) -> &'static str {
        self.get(lang)
    }
}

macro_rules! s {
    ($name:ident, $en:expr, $zh:expr) => {
        pub const $name: S = S { en: $en, zh: $zh };
    };
}

// Messages.
s!(
    CANCELLED,
    "Cancelled: nothing was recorded.",
    "已取消，未作记录。"
);
s!(
    FINALIZED,
    "The minutes are finalized and read-only.",
    "会议记录已定稿，只读。"
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
s!(
    MEETING_FINALIZED,
    "Meeting closed and minutes finalized.",
    "会议结束，记录已定稿。"
);
s!(
    SAVE_FAILED,
    "Saving the minutes failed; the last saved minutes are untouched.",
    "保存会议记录失败；上次保存的记录未受影响。"
);
s!(
    TOO_SMALL,
    "Terminal too small (need 80x24)",
    "终端窗口太小（至少 80x24）"
);

// Titles and labels.
s!(QUEUE, "Queue", "案件队列");
s!(NO_MEETING, "no meeting open", "未开会");
s!(MEETING, "Meeting", "会议");
s!(QUORUM_MET, "quorum met", "达到法定人数");
s!(QUORUM_NOT_MET, "no quorum", "未达法定人数");
s!(PRESENT, "present", "到会");
s!(NEEDED, "needed", "需");
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
s!(ROLL, "Roll call", "点名");
s!(METHOD, "Voting method", "表决方式");
s!(ACTING_CHAIR, "acting chair", "代主持");
s!(ATTENDEES, "Non-voting attendees", "列席人员");
s!(ABSENT, "absent", "缺席");
s!(HELP, "Keys", "按键");
s!(CONFIRM, "Confirm", "确认");
s!(
    CONFIRM_HINT,
    "y: yes   any other key: no",
    "y：确认   其他键：取消"
);
s!(SEARCH, "Search", "搜索");
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
s!(ROLE_CHAIR, "chair", "主持人");
s!(ROLE_MEMBER, "member", "成员");
s!(ROLE_CLERK, "clerk", "记录人");
s!(FINAL, "finalized", "已定稿");
s!(READ_ONLY, "read-only", "只读");

// Key help (also the hint bar).
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

pub fn no_match(needle: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("No case matches {}", q(needle)),
        Lang::Zh => format!("没有匹配 {} 的案件", q(needle)),
    }
}

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

pub fn member_name<'a>(panel: &'a crate::domain::panel::Panel, id: &'a str) -> &'a str {
    panel.member(id).map_or(id, |m| m.name.as_str())
}

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

// The decisions that stand only on what the meeting did: votes, voids, reconsideration.
s!(
    K_VOTE_METHOD,
    "vote by another method",
    "选择表决方式后表决"
);
s!(K_MARK, "mark / unmark", "选中/取消");
s!(PICK_METHOD, "Method of this round", "本轮表决方式");
s!(AGREE_COUNT, "Agreeing:", "同意人数：");
s!(K_CLEAR_FIELD, "empty the field", "清空本栏");
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
s!(
    FINALIZE_UNDECIDED,
    "Taken up without a determination:",
    "已审议但未作决定的案件："
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
    QUIT_IN_MEETING,
    "Quit? The meeting stays open: everything recorded is saved, and the next start resumes it here.",
    "退出？会议仍未结束：已记录的内容均已保存，下次启动时从此处继续。"
);
s!(
    K_QUIT_CONFIRM,
    "y quit  any other key: stay",
    "y 退出  其他键：留下"
);
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

/// The title of the box asking why round `n` is voided.
pub fn void_reason_title(n: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Void round {n}: reason"),
        Lang::Zh => format!("作废第{n}轮：原因"),
    }
}

/// Open minutes that say something their journal does not: rebuilt from the journal.
pub fn minutes_differ_from_journal(path: &std::path::Path, lang: Lang) -> String {
    let p = escape(&path.display().to_string()).into_owned();
    match lang {
        Lang::En => format!(
            "{p}: these open minutes differ from their journal (edited by hand?): rebuilt from the journal"
        ),
        Lang::Zh => format!("{p}：未定稿的会议记录与其日志不符（可能被手工改动）：已按日志重建"),
    }
}

/// F refused: a round is still open on these cases.
pub fn finalize_open_round(cases: &[String], lang: Lang) -> String {
    let list = escape(&cases.join(", ")).into_owned();
    match lang {
        Lang::En => format!("A round is open on {list}: close or void it (X) before finalizing."),
        Lang::Zh => format!("案件 {list} 有进行中的表决：请先结束或作废（X）该轮，再定稿。"),
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

pub fn seal_broken(path: &std::path::Path, lang: Lang) -> String {
    let p = escape(&path.display().to_string()).into_owned();
    match lang {
        Lang::En => format!(
            "{p}: finalized minutes fail their digest: they were changed after finalization"
        ),
        Lang::Zh => format!("{p}：已定稿的会议记录摘要校验失败，定稿后被改动过"),
    }
}

pub fn non_utf8(locale: &str, lang: Lang) -> String {
    let l = escape(locale);
    match lang {
        Lang::En => format!(
            "docket needs a UTF-8 terminal, but the locale is {l}.\nSwitch to UTF-8, e.g.: export LANG=zh_CN.UTF-8 (and set the terminal's encoding to UTF-8)."
        ),
        Lang::Zh => format!(
            "docket 需要 UTF-8 终端，当前区域设置为 {l}。\n请切换为 UTF-8，例如：export LANG=zh_CN.UTF-8（并将终端编码设为 UTF-8）。"
        ),
    }
}

s!(
    PICK_PANEL,
    "Choose a panel (Enter opens, q quits)",
    "选择审议组（Enter 打开，q 退出）"
);

/// A key's name as shown in help and hints; only the pseudo-key "any other key" differs.
pub fn key_label(key: &str, lang: Lang) -> &str {
    match (key, lang) {
        ("Other", Lang::En) => "other keys",
        ("Other", Lang::Zh) => "其他键",
        (k, _) => k,
    }
}

s!(
    TAB_TO_DISTINCTIONS,
    "h/l place findings on the distinctions: Tab to them first.",
    "h/l 用于在三个区分上作出认定：请先按 Tab 切换过去。"
);
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
s!(K_RECONSIDER, "reconsider", "复议");
s!(K_APPLY_ROLL, "record attendance", "确认到会情况");
s!(K_ITEM_GROUND, "find ground", "认定情形");
s!(SECRET_BALLOT, "Secret ballot", "无记名投票");
s!(
    RECONSIDER_AGREE,
    "Members agreeing to reconsider (more than half needed)",
    "同意复议的成员人数（须超过半数）"
);
s!(REASON, "reason", "原因");
s!(
    IRREVERSIBLE,
    "This closes the meeting and seals the minutes; nothing can be changed after.",
    "这将结束会议并封存记录，此后不能再修改。"
);
s!(WOULD_PASS, "would pass", "可通过");
s!(NOT_YET, "not yet", "尚未达到");
s!(WOULD_FAIL, "would fail", "将不通过");
s!(DECIDED_AT, "Decided at", "已决定于");

pub fn finalize_summary(taken: usize, determined: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{taken} cases taken up, {determined} determined."),
        Lang::Zh => format!("本次会议审议案件 {taken} 件，已作决定 {determined} 件。"),
    }
}

pub fn resumed(id: &str, lang: Lang) -> String {
    format!("{} {}", RESUMED.get(lang), escape(id))
}
s!(K_FIELD_BACK, "previous field", "上一栏");
s!(K_CHOOSE_PREV, "choose (up)", "选择（上）");

pub fn recovered(n: usize, meeting: &str, lang: Lang) -> String {
    let m = escape(meeting);
    match lang {
        Lang::En => format!(
            "Recovered {n} recorded steps of meeting {m} from its journal: nothing was lost."
        ),
        Lang::Zh => format!("已从日志恢复会议 {m} 的 {n} 项记录，未丢失任何内容。"),
    }
}

pub fn journal_failed(err: &str, lang: Lang) -> String {
    let e = escape(err);
    match lang {
        Lang::En => format!(
            "Could not record this step ({e}); it was not kept. The saved minutes are untouched."
        ),
        Lang::Zh => format!("无法记录此步骤（{e}），未予保存；已保存的会议记录未受影响。"),
    }
}

pub fn minutes_failed(err: &str, lang: Lang) -> String {
    let e = escape(err);
    match lang {
        Lang::En => format!(
            "The minutes could not be saved ({e}); the last saved minutes are untouched and the journal keeps this step."
        ),
        Lang::Zh => format!("会议记录无法保存（{e}）；上次保存的记录未受影响，日志已保留此步骤。"),
    }
}

pub fn read_only(holder: &str, lang: Lang) -> String {
    let h = escape(holder);
    match lang {
        Lang::En => {
            format!("Read-only: this panel is open in another docket ({h}). Following its meeting.")
        }
        Lang::Zh => format!("只读：本审议组已在另一个 docket 中打开（{h}），正在跟随其会议。"),
    }
}

// Triage.
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
s!(K_NEW_CASE, "new case", "新建案件");
s!(K_EDIT_CASE, "edit case", "编辑案件");
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

s!(SAT_ON, "sat on", "曾参与审议");
s!(EARLIER, "Earlier decision", "原决定");
s!(CURRENT, "This review", "本次复核");

// Corrections after finalizing.
s!(
    NO_FINAL_MINUTES,
    "There are no finalized minutes to correct.",
    "没有可更正的已定稿会议记录。"
);
s!(
    ADDENDUM_MADE,
    "Correction recorded as a sealed addendum beside the minutes.",
    "更正已作为封存的补充记录附于会议记录之后。"
);
s!(ADDENDUM, "Correction", "更正");
s!(ADDENDUM_BROKEN, "changed after sealing", "封存后被改动");
s!(K_CORRECT, "correct finalized minutes", "更正已定稿记录");
s!(REASON_LABEL, "Reason", "原因");
s!(CORRECTION_LABEL, "Correction", "更正内容");

// `docket report`: figures across the minutes, for supervision (督促检查).
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

s!(K_REPORT, "supervision report", "督查统计");
s!(REPORT_TITLE_SCREEN, "Supervision report", "督查统计");

// Printed documents (`docket minutes`, `docket agenda`). Their functions return raw text:
// the printers escape everything for the format they write.
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

s!(
    REPORT_ROW_HELD,
    "held back from meetings (now)",
    "暂不上会（当前）"
);

s!(PR_LABEL_MADE_AT, "Made at", "时间");
s!(PR_LABEL_BY, "By", "记录人");
s!(PR_LABEL_DIGEST, "Digest (SHA-256)", "摘要（SHA-256）");
s!(
    REPORT_ROW_CORRECTIONS,
    "corrections to finalized minutes",
    "已定稿记录的更正"
);
s!(READ_ONLY_MARK, "read-only", "只读");
s!(
    NOW_WRITER,
    "The other docket has closed: this one now records the meeting.",
    "另一个 docket 已关闭：现由本程序记录会议。"
);

pub fn case_drafted(path: &std::path::Path, lang: Lang) -> String {
    let p = escape(&path.display().to_string()).into_owned();
    match lang {
        Lang::En => format!(
            "Nothing written into cases/: the case still had problems. Your text is kept in {p}"
        ),
        Lang::Zh => format!("未写入 cases/：案件仍有问题。所填内容已保存在 {p}"),
    }
}

// The case screen and the printed minutes: withdrawn and amended determinations, opinions
// withdrawn on departure, a case's lost quorum, each round's method, reconsideration, the
// record of an earlier meeting.
s!(WITHDRAWN, "withdrawn", "已撤回");
s!(
    PR_OTHER_VERSIONS,
    "Other versions of the determination",
    "决定的其他版本"
);
s!(PR_WITHDRAWN, "Withdrawn", "已撤回");
s!(PR_VERSION, "Version", "版本");
s!(PR_WITHDRAWN_OPINIONS, "Opinions withdrawn", "撤回的意见");
s!(PR_AGREED_BY, "Members agreeing", "同意复议的成员");
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

/// A version of the determination, with `withdrawn` marked: `Version 1 (withdrawn)`.
pub fn pr_version_marked(n: usize, withdrawn: bool, lang: Lang) -> String {
    let v = pr_version(n, lang);
    if withdrawn {
        pr_aside(&v, WITHDRAWN.get(lang), lang)
    } else {
        v
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

// Issue 11 (cli-11): rules named for what applies, io errors in one language, exit messages.

/// The name of rules changed by `file` without a name of their own. Data, kept raw like the
/// title it extends: whoever shows it escapes it.
pub fn rules_amended(base: &str, file: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{base} as amended by {file}"),
        Lang::Zh => format!("{base}（经 {file} 修改）"),
    }
}

/// The rules in `docket check`'s summary line: which, and the quorum that applies.
pub fn check_rules(id: &str, version: &str, quorum: &str, lang: Lang) -> String {
    let (id, version) = (escape(id), escape(version));
    match lang {
        Lang::En => format!("rules {id} {version} (quorum {quorum})"),
        Lang::Zh => format!("规则 {id} {version}（法定人数 {quorum}）"),
    }
}

/// The quorum the rules set, under their name on the agenda.
pub fn pr_rules_quorum(quorum: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Quorum: {quorum} of the voting members present"),
        Lang::Zh => format!("法定人数：表决成员 {quorum} 以上到会"),
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

/// Why the system refused, in `lang`, for the common kinds of failure; the system's own
/// (English) words otherwise, labelled as such in Chinese.
pub fn io_error_kind(kind: std::io::ErrorKind, os: &str, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let words = match kind {
        K::NotFound => Some(("no such file or folder", "文件或文件夹不存在")),
        K::PermissionDenied => Some(("permission denied", "没有权限")),
        K::AlreadyExists => Some(("it exists already", "已存在")),
        K::IsADirectory => Some(("it is a folder, not a file", "这是文件夹，不是文件")),
        K::NotADirectory => Some((
            "a part of the path is not a folder",
            "路径中有一部分不是文件夹",
        )),
        K::DirectoryNotEmpty => Some(("the folder is not empty", "文件夹不是空的")),
        K::ReadOnlyFilesystem => Some(("the file system is read-only", "文件系统只读")),
        K::StorageFull => Some(("the disk is full", "磁盘已满")),
        K::QuotaExceeded => Some(("the disk quota is used up", "磁盘配额已用完")),
        K::FileTooLarge => Some(("the file is too large", "文件过大")),
        K::BrokenPipe => Some(("the output was closed", "输出已被关闭")),
        K::Interrupted => Some(("interrupted", "被中断")),
        K::TimedOut => Some(("timed out", "超时")),
        K::InvalidData => Some(("the data is not valid", "数据无效")),
        K::UnexpectedEof => Some(("the file ends too early", "文件意外结束")),
        K::OutOfMemory => Some(("out of memory", "内存不足")),
        K::Unsupported => Some(("not supported here", "此处不支持")),
        _ => None,
    };
    match (words, lang) {
        (Some((en, _)), Lang::En) => en.to_string(),
        (Some((_, zh)), Lang::Zh) => zh.to_string(),
        (None, Lang::En) => escape(os).into_owned(),
        (None, Lang::Zh) => format!("系统错误（系统原文）：{}", escape(os)),
    }
}

/// An `io::Error` in `lang`: see `io_error_kind`.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    let os = match crate::failure::failed(e) {
        Some(f) => f.source.to_string(),
        None => e.to_string(),
    };
    io_error_kind(e.kind(), &os, lang)
}

/// The one line `main` prints when the system failed docket: what failed, and why.
pub fn failure(e: &std::io::Error, lang: Lang) -> String {
    use crate::failure::What;
    let why = io_error(e, lang);
    let path = |p: &std::path::Path| escape(&p.display().to_string()).into_owned();
    match (crate::failure::failed(e).map(|f| &f.what), lang) {
        (Some(What::StartTerminal), Lang::En) => {
            format!("docket: cannot start the terminal: {why}")
        }
        (Some(What::StartTerminal), Lang::Zh) => format!("docket：无法启动终端：{why}"),
        (Some(What::Terminal), Lang::En) => format!("docket: the terminal failed: {why}"),
        (Some(What::Terminal), Lang::Zh) => format!("docket：终端出错：{why}"),
        (Some(What::Read(p)), Lang::En) => format!("docket: cannot read {}: {why}", path(p)),
        (Some(What::Read(p)), Lang::Zh) => format!("docket：无法读取 {}：{why}", path(p)),
        (Some(What::Write(p)), Lang::En) => format!("docket: cannot write {}: {why}", path(p)),
        (Some(What::Write(p)), Lang::Zh) => format!("docket：无法写入 {}：{why}", path(p)),
        (None, Lang::En) => format!("docket: cannot write the output: {why}"),
        (None, Lang::Zh) => format!("docket：无法输出：{why}"),
    }
}

// Nothing lost, nothing written outside the panel (issue 12).
s!(
    WRITTEN_LINK,
    "a symbolic link where docket writes; docket will not open this panel until it is replaced by the real file or folder",
    "docket 写入之处是符号链接；在换成真实的文件或文件夹之前，docket 不会打开本审议组"
);

/// Why a write was refused, in `lang`.
pub fn disk_refusal(r: &crate::store::disk::Refusal, lang: Lang) -> String {
    use crate::store::disk::Refusal as R;
    let p = |p: &std::path::Path| escape(&p.display().to_string()).into_owned();
    match (r, lang) {
        (R::LockLost, Lang::En) => {
            "the lock file .docket.lock was removed or replaced; another docket may be writing"
                .into()
        }
        (R::LockLost, Lang::Zh) => {
            "锁文件 .docket.lock 被删除或替换，可能有另一个 docket 正在写入".into()
        }
        (R::FolderMoved, Lang::En) => "the panel folder was moved or replaced".into(),
        (R::FolderMoved, Lang::Zh) => "审议组文件夹被移动或替换".into(),
        (R::JournalReplaced(f), Lang::En) => {
            format!("{}: another file took the journal's place", p(f))
        }
        (R::JournalReplaced(f), Lang::Zh) => format!("{}：日志已被另一个文件替换", p(f)),
        (R::JournalChanged(f), Lang::En) => {
            format!(
                "{}: the journal does not end where this docket left it; someone else wrote to it",
                p(f)
            )
        }
        (R::JournalChanged(f), Lang::Zh) => {
            format!("{}：日志的结尾与本程序所写不符，有他人写入", p(f))
        }
        (R::Link(f), Lang::En) => format!("{}: {}", p(f), WRITTEN_LINK.en),
        (R::Link(f), Lang::Zh) => format!("{}：{}", p(f), WRITTEN_LINK.zh),
        (R::Outside(f), Lang::En) => format!("{}: outside the panel folder; not written", p(f)),
        (R::Outside(f), Lang::Zh) => format!("{}：不在审议组文件夹内，未写入", p(f)),
        (R::Group(f, e), Lang::En) => {
            format!(
                "nothing was changed: the panel's group cannot be given to {} ({})",
                p(f),
                escape(e)
            )
        }
        (R::Group(f, e), Lang::Zh) => format!(
            "未作任何更改：无法将 {} 设为审议组的用户组（{}）",
            p(f),
            escape(e)
        ),
    }
}

/// An error from writing, in `lang`: a refusal said as such, else the system's words.
pub fn write_error(e: &std::io::Error, lang: Lang) -> String {
    match crate::store::disk::Refusal::of(e) {
        Some(r) => disk_refusal(r, lang),
        None => escape(&e.to_string()).into_owned(),
    }
}

/// Shown when the writer stops writing and follows instead.
pub fn stopped_writing(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("Stopped writing: {why}. Nothing more is recorded here; following read-only.")
        }
        Lang::Zh => format!("已停止写入：{why}。此处不再记录，改为只读跟随。"),
    }
}

/// Shown when the lock could not be taken as it must be.
pub fn lock_refused(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Read-only, cannot become the writer: {why}"),
        Lang::Zh => format!("只读，无法成为写入者：{why}"),
    }
}

// Issue 12: limits on what is typed, written and read.
s!(
    TEXT_TOO_LONG,
    "At most {limit} characters here: the text stops there, what followed was not taken.",
    "此处最多 {limit} 个字符：文字到此为止，超出部分未录入。"
);
s!(
    MINUTES_FULL,
    "Not recorded: the minutes of this meeting would pass {limit} MiB, the most docket writes for one meeting. Shorten the texts or record the rest in a new meeting.",
    "未记录：本次会议记录将超过 {limit} MiB，即单次会议记录的上限。请精简文字，或在新会议中记录其余内容。"
);

/// A field that could not take all of a text, with its limit.
pub fn text_too_long(limit: usize, lang: Lang) -> String {
    TEXT_TOO_LONG
        .get(lang)
        .replace("{limit}", &limit.to_string())
}

/// A step refused because the meeting's minutes would pass `limit` bytes.
pub fn minutes_full(limit: usize, lang: Lang) -> String {
    MINUTES_FULL
        .get(lang)
        .replace("{limit}", &(limit / (1024 * 1024)).to_string())
}

/// The most characters of a file's text a message quotes.
pub const EXCERPT: usize = 40;

/// `s`, or its first `EXCERPT` characters and an ellipsis.
pub fn excerpt(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(EXCERPT) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

s!(
    RULES_OUTSIDE,
    "rules file {path} is outside the panel folder and the rules folders of the settings (`rules_dirs`); not read",
    "规则文件 {path} 不在本委员会文件夹内，也不在设置的规则文件夹（`rules_dirs`）内，未读取"
);

/// A rules path that leads outside the folders rules may come from.
pub fn rules_outside(path: &str, lang: Lang) -> String {
    RULES_OUTSIDE.get(lang).replace("{path}", &q(path))
}

// ---- verify: seals, the ledger, signatures, re-derived results ----

/// One thing wrong with a sealed record, as `docket verify` says it.
pub fn verify_problem(p: &crate::verify::Problem, lang: Lang) -> String {
    use crate::verify::Problem as P;
    use Lang::{En, Zh};
    let e = |s: &str| escape(s).into_owned();
    match (p, lang) {
        (P::Unreadable(why), lang) => unread(why, lang),
        (P::CaseChanged(c), En) => format!("the record of case {} does not match its digest", e(c)),
        (P::CaseChanged(c), Zh) => format!("案件 {} 的记录与其摘要不符", e(c)),
        (P::MeetingChanged, En) => {
            "the meeting part (attendance, header, the cases' list) does not match its digest".into()
        }
        (P::MeetingChanged, Zh) => "会议部分（出席、基本信息、案件列表）与其摘要不符".into(),
        (P::FinalizationChanged, En) => {
            "the finalization (who sealed, when, the digests) is not what was sealed".into()
        }
        (P::FinalizationChanged, Zh) => "封存信息（封存人、时间、摘要）与封存时不符".into(),
        (P::ClosedUnsealed, En) => {
            "the meeting is closed but its finalization (the seal) is missing".into()
        }
        (P::ClosedUnsealed, Zh) => "会议已结束，但封存信息缺失".into(),
        (P::Definalized { line }, En) => format!(
            "not finalized, but the ledger (line {line}) records these minutes sealed: the seal was taken out"
        ),
        (P::Definalized { line }, Zh) => {
            format!("未定稿，但台账（第 {line} 行）记载本记录已封存：封存信息被删除")
        }
        (P::NotInLedger, En) => "sealed, but not in the panel's ledger".into(),
        (P::NotInLedger, Zh) => "已封存，但不在本委员会的台账中".into(),
        (P::ChangedSinceLedger { line }, En) => {
            format!("its bytes are not those the ledger entered (line {line})")
        }
        (P::ChangedSinceLedger { line }, Zh) => format!("文件内容与台账（第 {line} 行）登记的不符"),
        (P::Swapped { other }, En) => {
            format!("it holds what the ledger entered for {}", e(other))
        }
        (P::Swapped { other }, Zh) => format!("其内容是台账中 {} 的内容", e(other)),
        (P::Renamed { holds }, En) => {
            format!("the file name does not match what it holds ({})", e(holds))
        }
        (P::Renamed { holds }, Zh) => format!("文件名与其内容（{}）不符", e(holds)),
        (P::LedgerRewritten, En) => {
            "the ledger before this record is not the one it was sealed after: the ledger was rewritten".into()
        }
        (P::LedgerRewritten, Zh) => "本记录之前的台账与封存时不同：台账被改写".into(),
        (P::Rederived(d), lang) => discrepancy(d, lang),
        (P::DuplicateCase(c), En) => format!("case {} is recorded twice", e(c)),
        (P::DuplicateCase(c), Zh) => format!("案件 {} 被记录了两次", e(c)),
        (P::DecidedBefore { case, meeting }, En) => format!(
            "case {} was decided at meeting {} and is recorded again without the members' consent to reconsider it",
            e(case),
            e(meeting)
        ),
        (P::DecidedBefore { case, meeting }, Zh) => format!(
            "案件 {} 已于会议 {} 作出决定，本记录未经成员同意复议而再次记录",
            e(case),
            e(meeting)
        ),
        (P::Link, En) => "a symbolic link, not a record of this panel".into(),
        (P::Link, Zh) => "是符号链接，不是本委员会的记录".into(),
        (P::AddendumForOther, En) => "it names the digest of other minutes than these".into(),
        (P::AddendumForOther, Zh) => "其所指会议记录摘要与本记录不符".into(),
        (P::SignatureInvalid { member }, En) => {
            format!("the signature of {} does not verify over this file", e(member))
        }
        (P::SignatureInvalid { member }, Zh) => format!("{} 的签名与本文件不符", e(member)),
        (P::SignatureWrongKey { member, key }, En) => format!(
            "the signature of {} was made with key {}, which is not theirs (an earlier key of theirs belongs under previous_keys in panel.yaml)",
            e(member),
            e(key)
        ),
        (P::SignatureWrongKey { member, key }, Zh) => {
            format!("{} 的签名所用密钥 {} 不是其本人的密钥（其此前的密钥应列于 panel.yaml 的 previous_keys）", e(member), e(key))
        }
        (P::SignatureMissing { member }, En) => format!(
            "the ledger enters a signature of {} whose file is gone or changed",
            e(member)
        ),
        (P::SignatureMissing { member }, Zh) => {
            format!("台账登记的 {} 的签名文件已缺失或被改动", e(member))
        }
        (P::SharedKey { members, key }, En) => format!(
            "one key ({}) signs for two members, {} and {}: it counts for neither",
            e(key),
            e(&members.0),
            e(&members.1)
        ),
        (P::SharedKey { members, key }, Zh) => format!(
            "同一密钥（{}）为 {} 和 {} 两人签名：均不予认可",
            e(key),
            e(&members.0),
            e(&members.1)
        ),
    }
}

/// Why a record could not be read: `line:col: why`.
pub fn unread(u: &crate::verify::Unread, lang: Lang) -> String {
    use crate::verify::Unread as U;
    match u {
        U::Read { line, col, msg: m } => format!("{line}:{col}: {}", msg(m, lang)),
        U::Yaml { line, col, message } => format!("{line}:{col}: {}", escape(message)),
        U::Io(kind, text) => io_error(&std::io::Error::new(*kind, text.clone()), lang),
    }
}

mod audit;
pub use audit::discrepancy;

/// Something `verify` says about a record that is not a failure.
pub fn verify_note(n: &crate::verify::Note, name: &dyn Fn(&str) -> String, lang: Lang) -> String {
    use crate::verify::Note as N;
    use Lang::{En, Zh};
    match (n, lang) {
        (N::OldSeal(s), En) => format!(
            "sealed under schema {s}: the seal does not cover who sealed and when (the ledger and signatures do)"
        ),
        (N::OldSeal(s), Zh) => {
            format!("按第 {s} 版格式封存：封存不涵盖封存人与时间（台账与签名涵盖）")
        }
        (N::EarlierKey { member }, En) => format!(
            "{} signed with an earlier key of theirs (panel.yaml's previous_keys)",
            name(member)
        ),
        (N::EarlierKey { member }, Zh) => format!(
            "{} 以其此前的密钥签名（panel.yaml 的 previous_keys）",
            name(member)
        ),
        (N::Stray { name: file }, En) => format!(
            "signatures/{}: not a signature over this file, and not in the ledger: ignored",
            escape(file)
        ),
        (N::Stray { name: file }, Zh) => format!(
            "signatures/{}：不是对本文件的签名，也未登记入台账：不予理会",
            escape(file)
        ),
        (N::Awaiting { member }, En) => format!("awaiting the signature of {}", name(member)),
        (N::Awaiting { member }, Zh) => format!("尚待 {} 签名", name(member)),
    }
}

/// The line `verify` gives a record: intact or not, and signed by whom.
pub fn verify_record(
    r: &crate::verify::RecordReport,
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> String {
    use crate::verify::State;
    use Lang::{En, Zh};
    let shown = escape(&r.path.display().to_string()).into_owned();
    let what = match (r.addendum, lang) {
        (Some(n), En) => format!("{shown} (addendum #{n})"),
        (Some(n), Zh) => format!("{shown}（补正 第{n}号）"),
        (None, _) => shown,
    };
    if let Some(crate::verify::Problem::Unreadable(u)) = r.problems.first() {
        let shown = escape(&r.path.display().to_string()).into_owned();
        return match u {
            crate::verify::Unread::Io(..) => format!("{shown}: {}", unread(u, lang)),
            _ => format!("{shown}:{}", unread(u, lang)),
        };
    }
    if !r.problems.is_empty() {
        let first = verify_problem(&r.problems[0], lang);
        return match lang {
            En => format!("{what}: CHANGED: {first}"),
            Zh => format!("{what}：已被改动：{first}"),
        };
    }
    if r.state == State::NotFinal {
        return match lang {
            En => format!("{what}: not finalized: nothing to verify"),
            Zh => format!("{what}：尚未定稿，无可校验"),
        };
    }
    let signed: Vec<String> = r
        .signatures
        .iter()
        .map(|s| {
            let pending = match (s.entered, lang) {
                (true, _) => "",
                (false, En) => ", not yet in the ledger",
                (false, Zh) => "，尚未登记入台账",
            };
            match lang {
                En => format!(
                    "{} with key {}{pending}",
                    name(&s.member),
                    escape(&s.fingerprint)
                ),
                Zh => format!(
                    "{}，密钥 {}{pending}",
                    name(&s.member),
                    escape(&s.fingerprint)
                ),
            }
        })
        .collect();
    match (signed.is_empty(), lang) {
        (true, En) => format!("{what}: intact; sealed, unsigned"),
        (true, Zh) => format!("{what}：完好；已封存，未签名"),
        (false, En) => format!("{what}: intact; signed by {}", signed.join(", ")),
        (false, Zh) => format!("{what}：完好；签名人：{}", signed.join("；")),
    }
}

/// Something wrong with the panel as a whole.
pub fn verify_panel_problem(p: &crate::verify::PanelProblem, lang: Lang) -> String {
    use crate::store::ledger::Problem as L;
    use crate::verify::PanelProblem as P;
    use Lang::{En, Zh};
    match (p, lang) {
        (P::LedgerDamaged(d), En) => {
            let why = match &d.problem {
                L::Unreadable => "not a ledger entry".to_string(),
                L::Gap { expected, found } => {
                    format!("entry {found} where {expected} should be: entries taken out or put in")
                }
                L::Chain => {
                    "does not chain to the line before: a line changed, removed or put in".into()
                }
                L::Torn => "cut short".into(),
            };
            format!("minutes/ledger:{}: CHANGED: {why}", d.line)
        }
        (P::LedgerDamaged(d), Zh) => {
            let why = match &d.problem {
                L::Unreadable => "不是台账条目".to_string(),
                L::Gap { expected, found } => {
                    format!("应为第 {expected} 条，却是第 {found} 条：有条目被删除或插入")
                }
                L::Chain => "与上一行接不上：有行被改动、删除或插入".into(),
                L::Torn => "被截断".into(),
            };
            format!("minutes/ledger:{}：已被改动：{why}", d.line)
        }
        (P::Link(rel), En) => format!(
            "{}: CHANGED: a symbolic link where the panel keeps its record: the evidence would lie outside the panel",
            escape(rel)
        ),
        (P::Link(rel), Zh) => format!(
            "{}：已被改动：本委员会存放记录之处是符号链接：证据将位于委员会文件夹之外",
            escape(rel)
        ),
        (P::LedgerUnreadable, En) => "minutes/ledger: cannot be read".into(),
        (P::LedgerUnreadable, Zh) => "minutes/ledger：无法读取".into(),
        (P::LedgerMissing, En) => {
            "minutes/ledger: MISSING: sealed records name a ledger, and it is gone".into()
        }
        (P::LedgerMissing, Zh) => "minutes/ledger：缺失：已封存的记录载有台账，但台账不见了".into(),
        (
            P::Deleted {
                file,
                meeting,
                line,
            },
            En,
        ) => format!(
            "minutes/{}: DELETED: the ledger (line {line}) enters it sealed for meeting {}",
            escape(file),
            escape(meeting)
        ),
        (
            P::Deleted {
                file,
                meeting,
                line,
            },
            Zh,
        ) => format!(
            "minutes/{}：已被删除：台账（第 {line} 行）登记其为会议 {} 的已封存记录",
            escape(file),
            escape(meeting)
        ),
    }
}

/// The ledger line of `verify PANEL`.
pub fn verify_ledger(entries: Option<usize>, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (entries, lang) {
        (Some(1), En) => "minutes/ledger: 1 entry".into(),
        (Some(n), En) => format!("minutes/ledger: {n} entries, each chained to the one before"),
        (Some(n), Zh) => format!("minutes/ledger：{n} 条，逐条链接"),
        (None, En) => {
            "minutes/ledger: none yet (docket starts it when it next opens the panel to write)"
                .into()
        }
        (None, Zh) => "minutes/ledger：尚无（docket 下次以写入方式打开本委员会时建立）".into(),
    }
}

/// Why a line of an allowed-signers file cannot be used.
pub fn allowed_signers_error(e: &crate::sshsig::AllowedError, lang: Lang) -> String {
    use crate::sshsig::AllowedError as A;
    match (e, lang) {
        (A::CertAuthority, Lang::En) => {
            "cert-authority: docket checks members' own keys, not certificates".into()
        }
        (A::CertAuthority, Lang::Zh) => {
            "cert-authority：docket 只核对成员本人的密钥，不核对证书".into()
        }
        (A::ValidityUnsupported(o), Lang::En) => format!(
            "{}: docket does not bound keys in time, so it would accept what ssh-keygen refuses; remove the option",
            q(o)
        ),
        (A::ValidityUnsupported(o), Lang::Zh) => format!(
            "{}：docket 不按时间限定密钥，会接受 ssh-keygen 拒绝的签名；请删去该选项",
            q(o)
        ),
        (A::PatternUnsupported(p), Lang::En) => format!(
            "{}: name each member by id; docket does not match patterns",
            q(p)
        ),
        (A::PatternUnsupported(p), Lang::Zh) => {
            format!("{}：请逐一写出成员编号；docket 不匹配通配符", q(p))
        }
        (_, Lang::En) => {
            "not an allowed-signers line (principals, options, then a public key)".into()
        }
        (_, Lang::Zh) => "不是 allowed-signers 格式的行（签名人、选项、公钥）".into(),
    }
}

// ---- sign ----

s!(
    SIGN_NO_MINUTES,
    "no such minutes: give the meeting's id, as in its file name (e.g. 2026-11-20-1)",
    "没有该会议记录：请给出会议编号，即文件名（如 2026-11-20-1）"
);
s!(
    SIGN_NOT_SEALED,
    "not finalized yet: only sealed minutes are signed",
    "尚未定稿：只有已封存的记录才能签名"
);
s!(SIGN_WILL_NOT, "not signed", "未签名");
s!(SIGN_ALREADY, "you have signed it already", "您已签过名");
s!(
    SIGN_PENDING_CLERK,
    "your signature is kept in signatures/; the clerk's docket enters it in the ledger when it next opens the panel",
    "您的签名已存于 signatures/，书记员的 docket 下次打开本委员会时将其登记入台账"
);
s!(
    SIGN_PENDING,
    "the panel is open in another docket: your signature is kept in signatures/ and the clerk's docket enters it in the ledger when it next opens the panel",
    "本委员会正由另一 docket 打开：您的签名已存于 signatures/，书记员的 docket 下次打开本委员会时将其登记入台账"
);

/// Why `docket sign` cannot tell who is signing.
#[derive(Debug)]
pub enum SignAs {
    NoSuchMember(String),
    NoKey(String),
    NoAgent,
    NoMemberKey,
    Several(Vec<String>),
}

pub fn sign_refused(why: &SignAs, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (why, lang) {
        (SignAs::NoSuchMember(m), En) => format!("no member {} in panel.yaml", q(m)),
        (SignAs::NoSuchMember(m), Zh) => format!("panel.yaml 中没有成员 {}", q(m)),
        (SignAs::NoKey(m), En) => format!("panel.yaml gives member {} no key", q(m)),
        (SignAs::NoKey(m), Zh) => format!("panel.yaml 未给出成员 {} 的公钥", q(m)),
        (SignAs::NoAgent, En) => {
            "no ssh-agent: start one (eval $(ssh-agent); ssh-add) or log in with agent forwarding (ssh -A)".into()
        }
        (SignAs::NoAgent, Zh) => {
            "没有 ssh-agent：请启动（eval $(ssh-agent); ssh-add），或以代理转发方式登录（ssh -A）".into()
        }
        (SignAs::NoMemberKey, En) => {
            "your ssh-agent holds no key that panel.yaml gives a member".into()
        }
        (SignAs::NoMemberKey, Zh) => "您的 ssh-agent 中没有 panel.yaml 所列任何成员的密钥".into(),
        (SignAs::Several(ids), En) => format!(
            "your agent holds the keys of several members ({}): name one with --member",
            ids.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
        ),
        (SignAs::Several(ids), Zh) => format!(
            "您的 ssh-agent 中有多名成员（{}）的密钥：请用 --member 指定",
            ids.iter().map(|i| q(i)).collect::<Vec<_>>().join("、")
        ),
    }
}

/// Why a record was left unsigned.
pub fn signing(s: &crate::store::seal::Signing, lang: Lang) -> String {
    use crate::store::seal::Signing as S;
    use Lang::{En, Zh};
    match (s, lang) {
        (
            S::Signed {
                member,
                fingerprint,
            },
            En,
        ) => {
            format!("signed by {} ({})", q(member), escape(fingerprint))
        }
        (
            S::Signed {
                member,
                fingerprint,
            },
            Zh,
        ) => {
            format!("已由 {} 签名（{}）", q(member), escape(fingerprint))
        }
        (S::NoClerk, En) => "sealed, unsigned: the panel has no clerk".into(),
        (S::NoClerk, Zh) => "已封存，未签名：本委员会没有书记员".into(),
        (S::NoKey(m), En) => format!("sealed, unsigned: panel.yaml gives {} no key", q(m)),
        (S::NoKey(m), Zh) => format!("已封存，未签名：panel.yaml 未给出 {} 的公钥", q(m)),
        (S::NoAgent, En) => "sealed, unsigned: no ssh-agent reachable (SSH_AUTH_SOCK)".into(),
        (S::NoAgent, Zh) => "已封存，未签名：连接不到 ssh-agent（SSH_AUTH_SOCK）".into(),
        (S::NotInAgent(m), En) => {
            format!(
                "sealed, unsigned: the ssh-agent does not hold {}'s key",
                q(m)
            )
        }
        (S::NotInAgent(m), Zh) => format!("已封存，未签名：ssh-agent 中没有 {} 的密钥", q(m)),
        (S::Agent(e), En) => format!("sealed, unsigned: {}", agent_error(e, En)),
        (S::Agent(e), Zh) => format!("已封存，未签名：{}", agent_error(e, Zh)),
        (S::Failed(why), En) => format!("sealed, unsigned: signing failed: {}", escape(why)),
        (S::Failed(why), Zh) => format!("已封存，未签名：签名失败：{}", escape(why)),
    }
}

/// What `docket sign` says once signed.
pub fn signed_by(name: &str, id: &str, fingerprint: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "signed by {} ({}) with key {}",
            escape(name),
            escape(id),
            escape(fingerprint)
        ),
        Lang::Zh => format!(
            "已由 {}（{}）以密钥 {} 签名",
            escape(name),
            escape(id),
            escape(fingerprint)
        ),
    }
}

// ---- the ledger, on opening ----

s!(
    LEDGER_UNREADABLE,
    "minutes/ledger cannot be read: nothing is entered in it until it can",
    "minutes/ledger 无法读取：在能读取之前不向其中登记"
);

/// The note when the ledger is begun on a panel that already has sealed records.
pub fn ledger_started(records: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "the panel's ledger (minutes/ledger) is begun: {records} records sealed before it are entered as they are now"
        ),
        Lang::Zh => {
            format!("已建立本委员会台账（minutes/ledger）：此前封存的 {records} 份记录按其现状登记")
        }
    }
}

/// Minutes the ledger records sealed, found gone or no longer final: not reopened.
pub fn sealed_in_ledger(path: &std::path::Path, line: u32, exists: bool, lang: Lang) -> String {
    let shown = escape(&path.display().to_string()).into_owned();
    match (exists, lang) {
        (true, Lang::En) => format!(
            "{shown}: the ledger (line {line}) records these minutes sealed, but they are no longer finalized: not reopened; run docket verify"
        ),
        (true, Lang::Zh) => format!(
            "{shown}：台账（第 {line} 行）记载本记录已封存，但其已非定稿：不予重新打开；请运行 docket verify"
        ),
        (false, Lang::En) => format!(
            "{shown}: the ledger (line {line}) records these minutes sealed, and they are gone: not rebuilt from the journal; run docket verify"
        ),
        (false, Lang::Zh) => format!(
            "{shown}：台账（第 {line} 行）记载本记录已封存，但文件已缺失：不从日志重建；请运行 docket verify"
        ),
    }
}

/// What the screen says once a record is sealed, with how it was signed.
pub fn sealed_and(signing: &str, addendum: bool, lang: Lang) -> String {
    let done = match (addendum, lang) {
        (false, _) => MEETING_FINALIZED.get(lang),
        (true, Lang::En) => "Addendum sealed.",
        (true, Lang::Zh) => "补正已封存。",
    };
    match lang {
        Lang::En => format!("{done} {signing}"),
        Lang::Zh => format!("{done}{signing}"),
    }
}

/// A journal that would seal minutes that are gone or differ from it: not sealed.
pub fn journal_seal_refused(path: &std::path::Path, lang: Lang) -> String {
    let shown = escape(&path.display().to_string()).into_owned();
    match lang {
        Lang::En => format!(
            "{shown}: the journal finalizes this meeting, but its minutes are gone or differ from it: not sealed from the journal; run docket verify"
        ),
        Lang::Zh => format!(
            "{shown}：日志记载本次会议已定稿，但会议记录缺失或与日志不符：不据日志封存；请运行 docket verify"
        ),
    }
}

/// Why F and C refuse: the ledger is damaged.
pub fn no_seal_on_damaged_ledger(what: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "nothing can be sealed while the ledger is damaged ({what}); restore minutes/ledger from a copy, then run docket verify"
        ),
        Lang::Zh => format!(
            "台账受损时不能封存（{what}）；请从副本恢复 minutes/ledger，再运行 docket verify"
        ),
    }
}

/// What went wrong talking to the ssh-agent.
pub fn agent_error(e: &crate::sshsig::AgentError, lang: Lang) -> String {
    use crate::sshsig::AgentError as A;
    let zh = lang == Lang::Zh;
    match e {
        A::NoAgent | A::Connect(_) => if zh {
            "连接不到 ssh-agent"
        } else {
            "no ssh-agent answers"
        }
        .into(),
        A::Timeout => if zh {
            "ssh-agent 未及时应答（是否在等待确认？）"
        } else {
            "the ssh-agent did not answer in time (is it waiting for a confirmation?)"
        }
        .into(),
        A::Refused => if zh {
            "ssh-agent 拒绝签名"
        } else {
            "the ssh-agent refused to sign"
        }
        .into(),
        A::NotInAgent => if zh {
            "ssh-agent 中没有该密钥"
        } else {
            "the ssh-agent does not hold the key"
        }
        .into(),
        A::Io(_) | A::Closed => if zh {
            "与 ssh-agent 的连接中断"
        } else {
            "the connection to the ssh-agent broke"
        }
        .into(),
        A::TooLarge(_) | A::Malformed | A::Unexpected(_) | A::EmptyNamespace => if zh {
            "ssh-agent 的应答无法理解"
        } else {
            "the ssh-agent's answer makes no sense"
        }
        .into(),
        A::Key(_) => if zh {
            "ssh-agent 给出的密钥无法使用"
        } else {
            "the ssh-agent gave a key docket cannot use"
        }
        .into(),
        A::WrongAlgorithm(a) => {
            if zh {
                format!("ssh-agent 使用了错误的签名算法 {}", q(a))
            } else {
                format!("the ssh-agent signed with the wrong algorithm {}", q(a))
            }
        }
        A::BadSignature => if zh {
            "ssh-agent 给出的签名不成立"
        } else {
            "the ssh-agent's signature does not verify"
        }
        .into(),
    }
}

/// No panel in `path` (nor in a folder just under it): `PATH/panel.yaml:1:1: error: …`.
pub fn no_panels(path: &std::path::Path, lang: Lang) -> String {
    let where_ = path.join(crate::store::panel::PANEL_FILE);
    format!(
        "{}:1:1: {}: {}",
        escape(&where_.display().to_string()),
        severity(Severity::Error, lang),
        msg(&Msg::NoPanels, lang)
    )
}

// ---- words for the types below that say what went wrong (their text is made here) ----

impl crate::diag::Diagnostic {
    /// `file:line:col: error: message`, the form editors and terminals jump to; every part
    /// that came from a file is escaped.
    pub fn render(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            escape(&self.file.display().to_string()),
            self.line,
            self.col,
            severity(self.severity, lang),
            msg(&self.msg, lang)
        )
    }
}

impl std::fmt::Display for crate::store::disk::Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&disk_refusal(self, Lang::En))
    }
}

/// The working state (`state.yaml`) that could not be read: `path:line:col: why`.
pub fn state_error(e: &crate::store::state::StateError, lang: Lang) -> String {
    use crate::store::state::StateWhy;
    let why = match &e.why {
        StateWhy::Read(m) => msg(m, lang),
        StateWhy::Yaml(m) => escape(m).into_owned(),
    };
    format!(
        "{}:{}:{}: {why}",
        escape(&e.path.display().to_string()),
        e.line,
        e.col
    )
}
