//! The subcommands' work: finding panels, `check`, and the queue printed as text.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use crate::diag::{Msg, Severity};
use crate::domain::text::Lang;
use crate::i18n;
use crate::sanitize::escape;
use crate::store::panel::{self, Loaded, PANEL_FILE};

/// The panels a path names: the folder itself when it holds a panel.yaml, else each
/// sub-folder that does, sorted. Empty when there are none.
pub fn find_panels(path: &Path) -> Vec<PathBuf> {
    if path.join(PANEL_FILE).is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join(PANEL_FILE).is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// `docket check`: every problem of every panel, then a summary per panel. Returns the exit
/// code: 1 on errors (or warnings when `strict`), else 0.
pub fn check(path: &Path, strict: bool, lang: Lang, out: &mut dyn Write) -> io::Result<i32> {
    let panels = find_panels(path);
    if panels.is_empty() {
        let where_ = path.join(PANEL_FILE);
        writeln!(
            out,
            "{}:1:1: {}: {}",
            escape(&where_.display().to_string()),
            i18n::severity(Severity::Error, lang),
            i18n::msg(&Msg::NoPanels, lang)
        )?;
        return Ok(1);
    }
    let mut code = 0;
    for dir in panels {
        let loaded = panel::load(&dir);
        for d in &loaded.report.diagnostics {
            writeln!(out, "{}", d.render(lang))?;
        }
        let errors = loaded.report.errors();
        let warnings = loaded.report.warnings();
        if errors > 0 || (strict && warnings > 0) {
            code = 1;
        }
        writeln!(out, "{}", summary(&loaded, lang))?;
    }
    Ok(code)
}

/// One line saying what the panel is, or how much is wrong with it.
pub fn summary(loaded: &Loaded, lang: Lang) -> String {
    let dir = escape(&loaded.dir.display().to_string()).into_owned();
    let errors = loaded.report.errors();
    let warnings = loaded.report.warnings();
    let problems = match lang {
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
        Lang::Zh => format!("错误 {errors} 处，警告 {warnings} 处"),
    };
    let Some(p) = loaded.panel.as_ref().filter(|_| errors == 0) else {
        return match lang {
            Lang::En => format!("{dir}: {problems}"),
            Lang::Zh => format!("{dir}：{problems}"),
        };
    };
    let voting = p.voting_members().count();
    let kinds: Vec<String> = p
        .rules
        .kinds
        .iter()
        .map(|k| {
            let n = loaded.cases.iter().filter(|c| c.case.kind == k.id).count();
            match lang {
                Lang::En => format!("{} {n}", k.id),
                Lang::Zh => format!("{} {n}", k.name.get(lang)),
            }
        })
        .collect();
    let name = escape(&p.name);
    let rules = i18n::check_rules(
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
            "{name} ({dir}): {rules}, {} members ({voting} voting), {} case{}: {}{tail}",
            p.members.len(),
            loaded.cases.len(),
            if loaded.cases.len() == 1 { "" } else { "s" },
            kinds.join(", ")
        ),
        Lang::Zh => format!(
            "{name}（{dir}）：{rules}，成员 {} 人（表决 {voting} 人），案件 {} 件：{}{tail}",
            p.members.len(),
            loaded.cases.len(),
            kinds.join("，")
        ),
    }
}

/// Pads `s` with spaces to `width` terminal columns (Chinese characters take two).
fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// The queue as text, until the meeting screen exists: one row per case, oldest first.
pub fn print_queue(path: &Path, lang: Lang, out: &mut dyn Write) -> io::Result<i32> {
    let panels = find_panels(path);
    let dir = match panels.as_slice() {
        [one] => one.clone(),
        [] => return check(path, false, lang, out),
        many => {
            for p in many {
                writeln!(out, "{}", escape(&p.display().to_string()))?;
            }
            return Ok(0);
        }
    };
    let loaded = panel::load_with(&dir, crate::store::cache::CacheAt::user().as_ref());
    for d in loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        writeln!(out, "{}", d.render(lang))?;
    }
    let clean = loaded.is_clean();
    // The minutes and working state read as the queue on screen reads them (nothing written),
    // so a case's status is the one every reader gives.
    let Some(mut app) = crate::tui::session::open_loaded(&dir, loaded, lang) else {
        return Ok(1);
    };
    crate::tui::session::read(&mut app, false);
    writeln!(out, "{}", escape(&app.panel.name))?;
    let rows: Vec<[String; 6]> = app
        .cases
        .iter()
        .map(|l| {
            let c = &l.case;
            let kind = app
                .panel
                .rules
                .kind(&c.kind)
                .map_or(c.kind.as_str(), |k| k.name.get(lang));
            [
                escape(&c.id).into_owned(),
                escape(kind).into_owned(),
                format!(
                    "{} {}",
                    escape(&c.subject.name),
                    escape(&c.subject.position)
                ),
                escape(&c.subject.unit).into_owned(),
                escape(&c.claimed.join(",")).into_owned(),
                i18n::status(app.status(&c.id), lang),
            ]
        })
        .collect();
    let mut widths = [0usize; 6];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    for row in rows {
        let line: Vec<String> = row.iter().zip(widths).map(|(c, w)| pad(c, w)).collect();
        writeln!(out, "{}", line.join("  ").trim_end())?;
    }
    Ok(if clean { 0 } else { 1 })
}

/// `docket config`: where the settings file is, and the settings in effect.
pub fn config(
    settings: &crate::config::Settings,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let path = crate::config::path()
        .map(|p| escape(&p.display().to_string()).into_owned())
        .unwrap_or_else(|| "-".into());
    match lang {
        Lang::En => writeln!(out, "# settings file: {path}")?,
        Lang::Zh => writeln!(out, "# 设置文件：{path}")?,
    }
    let mut effective = settings.clone();
    effective.language = lang.code().to_string();
    for line in effective.to_yaml().lines() {
        writeln!(out, "{}", escape(line))?;
    }
    Ok(0)
}

/// Opens a panel in the terminal; with several panels under the folder, asks which.
pub fn open(path: &Path, opts: crate::tui::Options) -> io::Result<i32> {
    let panels = find_panels(path);
    let dir = match panels.as_slice() {
        [] => return check(path, false, opts.lang, &mut io::stdout()),
        [one] => one.clone(),
        many => match crate::tui::pick_panel(many, opts.lang, opts.ascii)? {
            Some(d) => d,
            None => return Ok(0),
        },
    };
    crate::tui::run(&dir, opts)
}

/// `docket report`: figures across the panel's minutes; the work is in `crate::report`.
pub fn report(args: &crate::report::Args, lang: Lang, out: &mut dyn Write) -> io::Result<i32> {
    crate::report::run(args, lang, out, &mut io::stderr().lock())
}

/// `docket minutes`: a minutes file as a document to print; the work is in `crate::print`.
pub fn minutes(
    path: &Path,
    format: crate::print::Format,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<i32> {
    crate::print::run_minutes(path, format, lang, out, &mut io::stderr().lock())
}

/// `docket agenda`: the next meeting's agenda, dated today; the work is in `crate::print`.
pub fn agenda(
    dir: &Path,
    format: crate::print::Format,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<i32> {
    crate::print::run_agenda(dir, None, format, lang, out, &mut io::stderr().lock())
}

/// `docket verify`: whether finalized minutes are as they were sealed.
pub fn verify(path: &Path, lang: Lang, out: &mut dyn Write) -> io::Result<i32> {
    if !path.is_dir() {
        return verify_one(path, lang, out, false);
    }
    // A panel folder: every minutes file in it. Minutes still open are listed, not failed.
    let files = crate::store::minutes::list(path);
    if files.is_empty() {
        let shown = escape(&path.display().to_string()).into_owned();
        let line = match lang {
            Lang::En => format!("{shown}: no minutes in this folder's minutes/"),
            Lang::Zh => format!("{shown}：minutes/ 中没有会议记录"),
        };
        writeln!(out, "{line}")?;
        return Ok(1);
    }
    let mut code = 0;
    for f in files {
        code = code.max(verify_one(&f, lang, out, true)?);
    }
    Ok(code)
}

/// Verifies one minutes file; `in_folder` lets minutes not yet finalized pass.
fn verify_one(path: &Path, lang: Lang, out: &mut dyn Write, in_folder: bool) -> io::Result<i32> {
    use crate::store::minutes::{self, MinutesError, Seal};
    let shown = escape(&path.display().to_string()).into_owned();
    let (text, m) = match minutes::read(path) {
        Ok(x) => x,
        Err(MinutesError::Yaml { line, col, message }) => {
            writeln!(out, "{shown}:{line}:{col}: {}", escape(&message))?;
            return Ok(1);
        }
        Err(MinutesError::Read { line, col, msg }) => {
            writeln!(out, "{shown}:{line}:{col}: {}", i18n::msg(&msg, lang))?;
            return Ok(1);
        }
        Err(MinutesError::Io(e)) => {
            writeln!(out, "{shown}: {}", i18n::io_error(&e, lang))?;
            return Ok(1);
        }
    };
    let seal = minutes::verify(&text, &m);
    // Closed minutes are sealed at the same moment: closed and not sealed means the
    // finalization was taken out.
    if seal == Seal::NotFinal && m.meeting.closed_at.is_some() {
        let line = match lang {
            Lang::En => format!(
                "{shown}: CHANGED: the meeting is closed but its finalization (the seal) is missing"
            ),
            Lang::Zh => format!("{shown}：已被改动：会议已结束，但封存信息缺失"),
        };
        writeln!(out, "{line}")?;
        return Ok(1);
    }
    let (line, code) = match (seal, lang) {
        (Seal::Intact, Lang::En) => (format!("{shown}: intact: every digest matches"), 0),
        (Seal::Intact, Lang::Zh) => (format!("{shown}：完好，各项摘要均相符"), 0),
        (Seal::NotFinal, Lang::En) => (
            format!("{shown}: not finalized: nothing to verify"),
            i32::from(!in_folder),
        ),
        (Seal::NotFinal, Lang::Zh) => (
            format!("{shown}：尚未定稿，无可校验"),
            i32::from(!in_folder),
        ),
        (Seal::Broken(Some(c)), Lang::En) => (
            format!(
                "{shown}: CHANGED: the record of case {} does not match its digest",
                escape(&c)
            ),
            1,
        ),
        (Seal::Broken(Some(c)), Lang::Zh) => (
            format!("{shown}：已被改动：案件 {} 的记录与其摘要不符", escape(&c)),
            1,
        ),
        (Seal::Broken(None), Lang::En) => (
            format!(
                "{shown}: CHANGED: the meeting part (attendance, header) does not match its digest"
            ),
            1,
        ),
        (Seal::Broken(None), Lang::Zh) => (
            format!("{shown}：已被改动：会议部分（出席、基本信息）与其摘要不符"),
            1,
        ),
    };
    writeln!(out, "{line}")?;
    // Addenda beside the minutes: each sealed, each naming these minutes' digest.
    let mut code = code;
    if let (Some(f), Some(dir)) = (&m.finalization, path.parent().and_then(Path::parent)) {
        for (a, ok) in crate::store::addendum::read_all(dir, &m.meeting.id, &f.minutes_digest) {
            let state = match (ok, lang) {
                (true, Lang::En) => "intact",
                (true, Lang::Zh) => "完好",
                (false, Lang::En) => "CHANGED after sealing, or not for these minutes",
                (false, Lang::Zh) => "封存后被改动，或不属于本记录",
            };
            writeln!(out, "{} #{}: {state}", i18n::ADDENDUM.get(lang), a.number)?;
            if !ok {
                code = 1;
            }
        }
    }
    Ok(code)
}
