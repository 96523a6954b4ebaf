//! The command line's own lines: `docket check`'s per panel, `docket config`'s settings file.
//!
//! Also the refusal of a locale that is not UTF-8, and the name of rules a file amends.

use std::path::Path;

use crate::domain::rules::{Kind, Rules};
use crate::domain::text::Lang;
use crate::sanitize::escape;

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

/// The rules in `docket check`'s summary line: which, and the quorum that applies.
pub fn check_rules(id: &str, version: &str, quorum: &str, lang: Lang) -> String {
    let (id, version) = (escape(id), escape(version));
    match lang {
        Lang::En => format!("rules {id} {version} (quorum {quorum})"),
        Lang::Zh => format!("规则 {id} {version}（法定人数 {quorum}）"),
    }
}

/// What `docket check` tells of a panel that loaded without errors.
pub struct PanelFigures<'a> {
    pub name: &'a str,
    pub rules: &'a Rules,
    pub members: usize,
    pub voting: usize,
    pub cases: usize,
    /// Each kind of the rules with its number of cases, in the rules' order.
    pub kinds: Vec<(&'a Kind, usize)>,
}

/// `docket check`'s one line for a panel: what it is, when it loaded without errors
/// (`figures`), and how much is wrong with it.
pub fn check_summary(
    dir: &Path,
    errors: usize,
    warnings: usize,
    figures: Option<&PanelFigures>,
    lang: Lang,
) -> String {
    let dir = escape(&dir.display().to_string()).into_owned();
    let problems = match lang {
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
        Lang::Zh => format!("错误 {errors} 处，警告 {warnings} 处"),
    };
    let Some(p) = figures else {
        return match lang {
            Lang::En => format!("{dir}: {problems}"),
            Lang::Zh => format!("{dir}：{problems}"),
        };
    };
    // A kind by its id in English, by its name in Chinese (the ids are English words).
    let kinds: Vec<String> = p
        .kinds
        .iter()
        .map(|(k, n)| match lang {
            Lang::En => format!("{} {n}", k.id),
            Lang::Zh => format!("{} {n}", k.name.get(lang)),
        })
        .collect();
    let name = escape(p.name);
    let rules = check_rules(
        &p.rules.id,
        &p.rules.version,
        &p.rules.meeting.quorum.to_string(),
        lang,
    );
    let tail = if warnings > 0 {
        match lang {
            Lang::En => format!(" ({problems})"),
            Lang::Zh => format!("（{problems}）"),
        }
    } else {
        String::new()
    };
    match lang {
        Lang::En => format!(
            "{name} ({dir}): {rules}, {} members ({} voting), {} case{}: {}{tail}",
            p.members,
            p.voting,
            p.cases,
            if p.cases == 1 { "" } else { "s" },
            kinds.join(", ")
        ),
        Lang::Zh => format!(
            "{name}（{dir}）：{rules}，成员 {} 人（表决 {} 人），案件 {} 件：{}{tail}",
            p.members,
            p.voting,
            p.cases,
            kinds.join("，")
        ),
    }
}

/// The first line of `docket config`: where the settings file is, `-` when there is none.
pub fn settings_file(path: Option<&Path>, lang: Lang) -> String {
    let path = path
        .map(|p| escape(&p.display().to_string()).into_owned())
        .unwrap_or_else(|| "-".into());
    match lang {
        Lang::En => format!("# settings file: {path}"),
        Lang::Zh => format!("# 设置文件：{path}"),
    }
}

/// The user's settings file refused: where, and the parser's words or the limit it broke.
pub fn settings_error(e: &crate::config::SettingsError, lang: Lang) -> String {
    use crate::store::yaml::YamlWhy;
    let why = match &e.why {
        YamlWhy::Parser(m) => escape(m).into_owned(),
        YamlWhy::Limit(m) => super::msg(m, lang),
    };
    format!(
        "{}:{}:{}: {why}",
        escape(&e.path.display().to_string()),
        e.line,
        e.col
    )
}

/// `docket demo`, before the screen opens: where the example panel was copied.
pub fn demo_copied(dir: &Path, lang: Lang) -> String {
    let dir = escape(&dir.display().to_string()).into_owned();
    match lang {
        Lang::En => format!("docket demo: the example panel is copied to {dir}"),
        Lang::Zh => format!("docket demo：示例审议组已复制到 {dir}"),
    }
}

/// `docket demo`, after the screen closes: what was recorded stays, and where.
pub fn demo_left(dir: &Path, lang: Lang) -> String {
    let dir = escape(&dir.display().to_string()).into_owned();
    match lang {
        Lang::En => format!(
            "docket demo: what you recorded stays in {dir} (the minutes in {dir}/minutes); remove the folder when you no longer need it."
        ),
        Lang::Zh => format!(
            "docket demo：所记录的内容保留在 {dir}（会议记录在 {dir}/minutes）；不再需要时可删除该文件夹。"
        ),
    }
}

/// `--log FILE` refused: which file, and why, before anything else is done.
pub fn log_refused(e: &crate::logfile::Refused, lang: Lang) -> String {
    use crate::logfile::Refused as R;
    let path = |p: &Path| escape(&p.display().to_string()).into_owned();
    let (p, why) = match (e, lang) {
        (R::Link(p), Lang::En) => (path(p), "it is a symbolic link".to_string()),
        (R::Link(p), Lang::Zh) => (path(p), "这是符号链接".to_string()),
        (R::LinkInPath(p), Lang::En) => (
            path(p),
            "a folder on its path is a symbolic link".to_string(),
        ),
        (R::LinkInPath(p), Lang::Zh) => (path(p), "其路径中有文件夹是符号链接".to_string()),
        (R::HardLinked(p), Lang::En) => (
            path(p),
            "it has other names (hard links), so writing it would write another file".to_string(),
        ),
        (R::HardLinked(p), Lang::Zh) => (
            path(p),
            "该文件另有硬链接，写入它也会写入另一个文件".to_string(),
        ),
        (R::NotAFile(p), Lang::En) => (path(p), "it is not a plain file".to_string()),
        (R::NotAFile(p), Lang::Zh) => (path(p), "这不是普通文件".to_string()),
        (R::NotYours(p), Lang::En) => (path(p), "it belongs to another user".to_string()),
        (R::NotYours(p), Lang::Zh) => (path(p), "该文件属于其他用户".to_string()),
        (R::Io(p, e), _) => (path(p), super::io_error(e, lang)),
        (R::Twice, Lang::En) => (String::new(), "a log is open already".to_string()),
        (R::Twice, Lang::Zh) => (String::new(), "日志已打开".to_string()),
    };
    match lang {
        Lang::En => format!("docket: cannot write the log {p}: {why}"),
        Lang::Zh => format!("docket：无法写入日志 {p}：{why}"),
    }
}
