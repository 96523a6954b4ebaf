//! The command line: what `docket check`, `config`, `verify` and `sign` print around the
//! words of the other areas, and the refusal of a locale that is not UTF-8.

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
