//! What `docket verify` says of seals, the ledger, signatures and re-derived results.
//!
//! What re-deriving found is worded in `audit`.

use super::{discrepancy, io_error, msg};
use crate::domain::text::Lang;
use crate::sanitize::escape;

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

/// `verify PANEL` on a folder with neither minutes nor a ledger.
pub fn verify_no_minutes(dir: &std::path::Path, lang: Lang) -> String {
    let shown = escape(&dir.display().to_string()).into_owned();
    match lang {
        Lang::En => format!("{shown}: no minutes in this folder's minutes/"),
        Lang::Zh => format!("{shown}：minutes/ 中没有会议记录"),
    }
}

/// A member as `verify` names them: `name (id)` when panel.yaml gives the name, else the id.
pub fn verify_member(name: Option<&str>, id: &str) -> String {
    match name {
        Some(name) => format!("{} ({})", escape(name), escape(id)),
        None => escape(id).into_owned(),
    }
}
