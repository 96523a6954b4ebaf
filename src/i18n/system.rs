//! What the system and the disk refused, in words, and the limits on what is written.
//!
//! An `io::Error` in the reader's language, the one line `main` prints when the system
//! failed docket, a write the disk refused (and `Display for Refusal`), and the limits on
//! what is typed and written (issue 12).

use crate::domain::text::Lang;
use crate::sanitize::escape;

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

/// The system's own words for `e`. A refusal is docket's, not the system's: its words are
/// made here (in English, where the system's stand), never by its Display, which is for
/// developers.
pub fn system_words(e: &std::io::Error) -> String {
    let inner = crate::failure::failed(e).map_or(e, |f| &f.source);
    match crate::store::disk::Refusal::of(inner) {
        Some(r) => disk_refusal(r, Lang::En),
        None => inner.to_string(),
    }
}

/// An `io::Error` in `lang`: see `io_error_kind`.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    let os = system_words(e);
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
        // Said without the path: the minutes' own message names the file.
        (R::Replaced(_), Lang::En) => {
            "the file was replaced by another program since docket wrote it".into()
        }
        (R::Replaced(_), Lang::Zh) => "该文件在 docket 写入后被其他程序替换".into(),
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
