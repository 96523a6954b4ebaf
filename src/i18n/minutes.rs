//! Finalizing and keeping the minutes: the seal, the journal, corrections, the ledger.
//!
//! The journal recovers an unfinished meeting; one docket writes while others follow it
//! read-only; a correction after finalizing is a sealed addendum; the ledger is checked as a
//! panel opens.

use crate::domain::text::Lang;
use crate::sanitize::escape;

s!(
    FINALIZED,
    "The minutes are finalized and read-only.",
    "会议记录已定稿，只读。"
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
s!(FINAL, "finalized", "已定稿");
s!(READ_ONLY, "read-only", "只读");
s!(
    FINALIZE_UNDECIDED,
    "Taken up without a determination:",
    "已审议但未作决定的案件："
);

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

pub fn minutes_changed_since_opened(path: &std::path::Path, lang: Lang) -> String {
    let p = escape(&path.display().to_string()).into_owned();
    match lang {
        Lang::En => format!(
            "{p}: changed since the panel was opened (or its seal fails): its record is not shown whole; open the panel again"
        ),
        Lang::Zh => format!(
            "{p}：自打开本委员会以来已被改动（或封存校验失败），其记录不能完整显示；请重新打开"
        ),
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

s!(
    IRREVERSIBLE,
    "This closes the meeting and seals the minutes; nothing can be changed after.",
    "这将结束会议并封存记录，此后不能再修改。"
);

pub fn finalize_summary(taken: usize, determined: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{taken} cases taken up, {determined} determined."),
        Lang::Zh => format!("本次会议审议案件 {taken} 件，已作决定 {determined} 件。"),
    }
}

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

s!(READ_ONLY_MARK, "read-only", "只读");
s!(
    NOW_WRITER,
    "The other docket has closed: this one now records the meeting.",
    "另一个 docket 已关闭：现由本程序记录会议。"
);

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
s!(REASON_LABEL, "Reason", "原因");
s!(CORRECTION_LABEL, "Correction", "更正内容");

// The ledger, as a panel opens.
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

/// What is wrong with a journal line.
pub fn journal_fault(f: &crate::store::journal::Fault, lang: Lang) -> String {
    use crate::store::journal::Fault as F;
    match (f, lang) {
        (F::NoSequence, Lang::En) => "no sequence number".into(),
        (F::NoSequence, Lang::Zh) => "缺少序号".into(),
        (F::NoChecksum, Lang::En) => "no checksum".into(),
        (F::NoChecksum, Lang::Zh) => "缺少校验和".into(),
        (F::NoEntry, Lang::En) => "no entry".into(),
        (F::NoEntry, Lang::Zh) => "缺少记录内容".into(),
        (F::Checksum, Lang::En) => "checksum does not match: the line was changed or cut".into(),
        (F::Checksum, Lang::Zh) => "校验和不符：该行被改动或截断".into(),
        (F::NotAnEntry(why), Lang::En) => format!("not an entry: {}", escape(why)),
        (F::NotAnEntry(why), Lang::Zh) => format!("不是有效的记录：{}", escape(why)),
        (F::SequenceDisagrees, Lang::En) => "sequence numbers disagree".into(),
        (F::SequenceDisagrees, Lang::Zh) => "序号前后不一致".into(),
        (F::OutOfOrder, Lang::En) => "sequence number out of order".into(),
        (F::OutOfOrder, Lang::Zh) => "序号顺序错乱".into(),
        (F::TornSkipped, Lang::En) => {
            "a step cut short by a failed write was skipped (it was never shown)".into()
        }
        (F::TornSkipped, Lang::Zh) => "一步因写入失败而残缺，已跳过（它从未显示过）".into(),
    }
}
