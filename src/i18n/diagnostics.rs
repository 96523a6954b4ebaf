//! The problems found in files, in words: a diagnostic's message and its `file:line:col` line.
//!
//! `diag` and `store` keep these problems typed and wordless; `Diagnostic::render`, the
//! working state that could not be read and the panel not found are worded here.

use super::{WRITTEN_LINK, io_error_kind, list, q};
use crate::diag::{Expect, Msg, Severity, Special, Thing};
use crate::domain::text::Lang;
use crate::sanitize::escape;

pub fn severity(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Warning, Lang::Zh) => "警告",
    }
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
        (Msg::NewerSchema { found, reads }, En) => {
            format!("schema {found} is newer than this docket reads ({reads}): upgrade docket")
        }
        (Msg::NewerSchema { found, reads }, Zh) => {
            format!("记录格式 {found} 比本 docket 能读的（{reads}）更新：请升级 docket")
        }
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

s!(
    RULES_OUTSIDE,
    "rules file {path} is outside the panel folder and the rules folders of the settings (`rules_dirs`); not read",
    "规则文件 {path} 不在本委员会文件夹内，也不在设置的规则文件夹（`rules_dirs`）内，未读取"
);

/// A rules path that leads outside the folders rules may come from.
pub fn rules_outside(path: &str, lang: Lang) -> String {
    RULES_OUTSIDE.get(lang).replace("{path}", &q(path))
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
