//! `docket report`: gathering a panel's cases and minutes, and printing the figures.

use super::*;

/// What `docket report` was asked.
#[derive(Clone, Debug)]
pub struct Args {
    pub dir: PathBuf,
    pub from: Option<String>,
    pub to: Option<String>,
    pub format: Format,
    pub bom: bool,
}

/// A panel's data for a report: the panel as loaded and its minutes, oldest meeting first.
pub struct Gathered {
    pub loaded: panel::Loaded,
    pub minutes: Vec<Minutes>,
    /// Minutes that could not be read, with where and why: `file:line:col: …`.
    pub skipped: Vec<String>,
    /// How many minutes files came from the cache rather than their YAML.
    pub minutes_from_cache: usize,
}

/// Loads the panel and every minutes file; an unreadable file is described and left out.
pub fn gather(dir: &Path, lang: Lang) -> Gathered {
    gather_with(dir, lang, crate::config::panel_cache().as_ref())
}

/// `gather`, with unchanged files taken from `cache` when given.
pub fn gather_with(
    dir: &Path,
    lang: Lang,
    cache: Option<&crate::store::cache::CacheAt>,
) -> Gathered {
    let loaded = crate::config::load_panel_with(dir, cache);
    let mut minutes = Vec::new();
    let mut skipped = Vec::new();
    let paths = minutes::list(dir);
    // Briefs: the figures read nothing the brief leaves out (tests/report.rs holds it).
    let briefs = minutes::read_briefs(dir, &paths, cache);
    for (path, read) in paths.iter().zip(briefs.minutes) {
        let shown = escape(&path.display().to_string()).into_owned();
        match read {
            Ok(m) => minutes.push(m),
            Err(MinutesError::Yaml { line, col, message }) => skipped.push(
                i18n::report_minutes_skipped(&shown, line, col, &message, lang),
            ),
            Err(MinutesError::Read { line, col, msg }) => skipped.push(
                i18n::report_minutes_skipped(&shown, line, col, &i18n::msg(&msg, lang), lang),
            ),
            Err(MinutesError::Io(e)) => skipped.push(i18n::report_minutes_skipped(
                &shown,
                1,
                1,
                &i18n::io_error(&e, lang),
                lang,
            )),
        }
    }
    Gathered {
        loaded,
        minutes,
        skipped,
        minutes_from_cache: briefs.from_cache,
    }
}

/// `docket report`: the report on `out`, problems on `err`. Exit code 2 for a bad argument,
/// 1 when the panel cannot be read or some minutes were left out, else 0.
pub fn run(args: &Args, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let mut range = Range::default();
    for (flag, value, slot) in [
        ("--from", &args.from, &mut range.from),
        ("--to", &args.to, &mut range.to),
    ] {
        if let Some(v) = value {
            match parse_date(v) {
                Some(d) => *slot = Some(d),
                None => {
                    writeln!(err, "{}", i18n::report_bad_date(flag, v, lang))?;
                    return Ok(2);
                }
            }
        }
    }
    if let (Some(f), Some(t)) = (range.from, range.to)
        && f > t
    {
        writeln!(err, "{}", i18n::report_reversed(f, t, lang))?;
        return Ok(2);
    }
    let dirs = crate::store::panel::find_panels(&args.dir);
    let dir = match dirs.as_slice() {
        [one] => one.clone(),
        [] => {
            writeln!(err, "{}", i18n::no_panels(&args.dir, lang))?;
            return Ok(1);
        }
        _ => {
            let shown = escape(&args.dir.display().to_string()).into_owned();
            writeln!(err, "{}", i18n::report_several_panels(&shown, lang))?;
            return Ok(2);
        }
    };
    let g = gather(&dir, lang);
    let Some(panel) = &g.loaded.panel else {
        for d in &g.loaded.report.diagnostics {
            writeln!(err, "{}", d.render(lang))?;
        }
        return Ok(1);
    };
    let errors = g
        .loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        writeln!(err, "{}", i18n::report_case_problems(errors, lang))?;
    }
    for s in &g.skipped {
        writeln!(err, "{s}")?;
    }
    let mut report = build(panel, &g.loaded.cases, &g.minutes, range);
    // Holds live in the working state, not the minutes.
    if let Ok(state) = crate::store::state::read(&dir) {
        report.held = state.held.len();
    }
    report.corrections = corrections(&dir, &g.minutes);
    for b in &report.bad_dates {
        writeln!(
            err,
            "{}",
            i18n::report_bad_decided_at(&b.meeting, &b.case, &b.value, lang)
        )?;
    }
    out.write_all(render(&report, lang, args.format, args.bom).as_bytes())?;
    out.flush()?;
    Ok(if g.skipped.is_empty() && report.bad_dates.is_empty() {
        0
    } else {
        1
    })
}

/// How many addenda correct the finalized minutes among `minutes`.
pub fn corrections(dir: &std::path::Path, minutes: &[Minutes]) -> usize {
    // The folder listed once, not once per meeting.
    let listed = crate::store::addendum::all(dir);
    minutes
        .iter()
        .filter_map(|m| m.finalization.as_ref().map(|f| (m, f)))
        .map(|(m, f)| {
            crate::store::addendum::read_listed(&listed, &m.meeting.id, &f.minutes_digest).len()
        })
        .sum()
}
