//! `docket minutes` and `docket agenda`: files in, the document on stdout, every problem on
//! stderr with its place, and the exit code.
//!
//! The document goes to stdout alone so that `docket minutes F --format html > m.html` gives
//! a clean file; what is wrong is said on stderr, escaped like every text from a file.

use std::io::{self, Write};
use std::path::Path;

use crate::diag::Severity;
use crate::domain::panel::Panel;
use crate::domain::text::Lang;
use crate::i18n;
use crate::sanitize::escape;
use crate::store::minutes::{MinutesError, Seal};

use super::{Format, agenda, minutes_file};

/// Prints a minutes file. Exits 1 when it cannot be read (nothing printed) or when its
/// digests do not match (printed, with the notice on the paper); 0 otherwise, also for
/// minutes not yet finalized, which the paper says.
pub fn run_minutes(
    path: &Path,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let shown = escape(&path.display().to_string()).into_owned();
    let error = i18n::severity(Severity::Error, lang);
    match minutes_file(path, format, lang) {
        Err(MinutesError::Yaml { line, col, message }) => {
            writeln!(err, "{shown}:{line}:{col}: {error}: {}", escape(&message))?;
            Ok(1)
        }
        Err(MinutesError::Read { line, col, msg }) => {
            writeln!(
                err,
                "{shown}:{line}:{col}: {error}: {}",
                i18n::msg(&msg, lang)
            )?;
            Ok(1)
        }
        Err(MinutesError::Io(e)) => {
            writeln!(err, "{shown}:1:1: {error}: {}", i18n::io_error(&e, lang))?;
            Ok(1)
        }
        Ok(p) => {
            out.write_all(p.document.as_bytes())?;
            if let Seal::Broken(_) = p.seal {
                writeln!(err, "{}", i18n::seal_broken(path, lang))?;
                return Ok(1);
            }
            Ok(0)
        }
    }
}

/// Prints the next meeting's agenda of the panel in `dir`, dated `produced` (else today in
/// the panel's time zone). Exits 1 when the panel has errors (nothing printed: a broken case
/// file would silently be missing from the agenda) or when some minutes cannot be read (the
/// agenda is printed, but a case they decided may wrongly show as pending); 0 otherwise.
pub fn run_agenda(
    dir: &Path,
    produced: Option<&str>,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let loaded = crate::config::load_panel_with(dir, crate::config::panel_cache().as_ref());
    for d in &loaded.report.diagnostics {
        writeln!(err, "{}", d.render(lang))?;
    }
    let Some(p) = loaded.panel.as_ref().filter(|_| loaded.is_clean()) else {
        writeln!(err, "{}", i18n::PR_AGENDA_REFUSED.get(lang))?;
        return Ok(1);
    };
    let history = agenda::history(dir, lang);
    for (path, message) in &history.unreadable {
        writeln!(
            err,
            "{}",
            escape(&i18n::pr_minutes_unreadable(
                &path.display().to_string(),
                message,
                lang
            ))
        )?;
    }
    let today = today(p);
    let cases = agenda::ordered(
        dir,
        agenda::pending(&p.rules, &history.minutes, &loaded.cases),
    );
    let cx = agenda::Context {
        history: &history.minutes,
        produced: produced.unwrap_or(&today),
    };
    out.write_all(super::agenda(p, &cases, cx, format, lang).as_bytes())?;
    Ok(if history.unreadable.is_empty() { 0 } else { 1 })
}

/// Today in the panel's time zone (else the system's), as the minutes date their meetings.
fn today(panel: &Panel) -> String {
    let tz = panel
        .timezone
        .as_deref()
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system);
    jiff::Timestamp::now()
        .to_zoned_datetime(tz)
        .date()
        .to_string()
}
