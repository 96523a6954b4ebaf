//! The subcommands' work: finding panels, `check`, and the queue printed as text.
//!
//! Kept whole (a little over 500 lines): each subcommand is one function beside the others,
//! `sign` the longest; every word they print is made in `i18n`.

use std::io::{self, Write};
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::diag::Severity;
use crate::domain::text::Lang;
use crate::i18n;
use crate::sanitize::escape;
use crate::store::panel::Loaded;

pub use crate::store::panel::find_panels;

/// `docket check`: every problem of every panel, then a summary per panel. Returns the exit
/// code: 1 on errors (or warnings when `strict`), else 0.
pub fn check(path: &Path, strict: bool, lang: Lang, out: &mut dyn Write) -> io::Result<i32> {
    let panels = find_panels(path);
    if panels.is_empty() {
        writeln!(out, "{}", i18n::no_panels(path, lang))?;
        return Ok(1);
    }
    let mut code = 0;
    for dir in panels {
        let loaded = crate::config::load_panel(&dir);
        for d in &loaded.report.diagnostics {
            writeln!(out, "{}", d.render(lang))?;
        }
        let errors = loaded.report.errors();
        let warnings = loaded.report.warnings();
        log::info!(
            "checked {}: {} cases, {errors} errors, {warnings} warnings",
            dir.display(),
            loaded.cases.len()
        );
        if errors > 0 || (strict && warnings > 0) {
            code = 1;
        }
        writeln!(out, "{}", summary(&loaded, lang))?;
    }
    Ok(code)
}

/// One line saying what the panel is, or how much is wrong with it.
pub fn summary(loaded: &Loaded, lang: Lang) -> String {
    let errors = loaded.report.errors();
    let figures = loaded
        .panel
        .as_ref()
        .filter(|_| errors == 0)
        .map(|p| i18n::PanelFigures {
            name: &p.name,
            rules: &p.rules,
            members: p.members.len(),
            voting: p.voting_members().count(),
            cases: loaded.cases.len(),
            kinds: p
                .rules
                .kinds
                .iter()
                .map(|k| {
                    let n = loaded.cases.iter().filter(|c| c.case.kind == k.id).count();
                    (k, n)
                })
                .collect(),
        });
    i18n::check_summary(
        &loaded.dir,
        errors,
        loaded.report.warnings(),
        figures.as_ref(),
        lang,
    )
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
    let cache = crate::config::panel_cache();
    let loaded = crate::config::load_panel_with(&dir, cache.as_ref());
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
    let Some(mut app) = crate::session::open_loaded(&dir, loaded, lang) else {
        return Ok(1);
    };
    app.cache = cache;
    crate::session::read(&mut app, false, lang);
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

/// `docket config`: where the settings file is, and the settings in effect; each `keys:`
/// entry docket cannot honour on stderr, with its line.
pub fn config(
    settings: &crate::config::Settings,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<i32> {
    config_to(settings, lang, out, &mut io::stderr().lock())
}

/// [`config`], its problems written to `err`.
pub fn config_to(
    settings: &crate::config::Settings,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let path = crate::config::path();
    writeln!(out, "{}", i18n::settings_file(path.as_deref(), lang))?;
    let (keys, problems) = crate::tui::keymap::check(&settings.user_keys);
    for p in &problems {
        writeln!(err, "{}", i18n::settings_problem(p, lang))?;
    }
    let mut effective = settings.clone();
    effective.language = lang.code().to_string();
    // The keys in force: an entry naming no action that can be rebound is left out, and
    // keys are written as docket reads them.
    for e in &settings.user_keys.entries {
        if !keys.contains_key(&e.action) {
            effective.keys.remove(&e.action);
        }
    }
    for (name, k) in keys {
        effective.keys.insert(name, k);
    }
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

/// `docket demo`: the example panel copied into a new private folder under `base`; the
/// folder, for the caller to open or print.
pub fn demo(base: &Path) -> io::Result<std::path::PathBuf> {
    let dir = crate::demo::copy_into(base)?;
    log::info!(
        "demo: the example panel copied to {} ({} files)",
        dir.display(),
        crate::demo::FILES.len()
    );
    Ok(dir)
}

/// `docket demo --print-dir`: the folder on a line of its own, for a script.
pub fn print_dir(dir: &Path, out: &mut dyn Write) -> io::Result<i32> {
    writeln!(out, "{}", escape(&dir.display().to_string()))?;
    Ok(0)
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

/// `docket verify`: whether sealed records are as they were sealed, entered in the ledger,
/// signed by their members' keys, and their results follow from their votes.
pub fn verify(
    path: &Path,
    allowed_signers: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let mut opts = crate::verify::Options::default();
    if let Some(f) = allowed_signers {
        match read_allowed_signers(f, lang) {
            Ok(list) => opts.allowed_signers = Some(list),
            Err(line) => {
                writeln!(out, "{line}")?;
                return Ok(2);
            }
        }
    }
    if !path.is_dir() {
        // A minutes file: in its panel's context when it lies in PANEL/minutes/.
        let dir = path
            .parent()
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n == crate::store::minutes::MINUTES_DIR)
            })
            .and_then(Path::parent)
            .filter(|d| d.join(crate::store::panel::PANEL_FILE).exists());
        let panel = dir.and_then(|d| crate::config::load_panel_only(d).0);
        let ledger = dir.and_then(|d| crate::store::ledger::read(d).ok());
        let records =
            crate::verify::check_minutes(path, dir, panel.as_ref(), ledger.as_ref(), &opts);
        let name = namer(panel.as_ref());
        let mut code = 0;
        for r in &records {
            write_record(out, r, &name, lang)?;
            if !r.problems.is_empty()
                || (r.state == crate::verify::State::NotFinal && r.addendum.is_none())
            {
                code = 1;
            }
        }
        return Ok(code);
    }
    if crate::store::minutes::list(path).is_empty()
        && !crate::store::ledger::path_for(path).exists()
    {
        writeln!(out, "{}", i18n::verify_no_minutes(path, lang))?;
        return Ok(1);
    }
    let report = crate::verify::check_panel(path, &opts);
    let panel = crate::config::load_panel_only(path).0;
    let name = namer(panel.as_ref());
    for r in &report.records {
        write_record(out, r, &name, lang)?;
    }
    for p in &report.problems {
        writeln!(out, "{}", i18n::verify_panel_problem(p, lang))?;
    }
    if !report
        .problems
        .contains(&crate::verify::PanelProblem::LedgerMissing)
    {
        writeln!(out, "{}", i18n::verify_ledger(report.ledger, lang))?;
    }
    Ok(i32::from(report.failed()))
}

/// A member's name and id as `verify` shows them: from panel.yaml when it names them.
fn namer(panel: Option<&crate::domain::panel::Panel>) -> impl Fn(&str) -> String + '_ {
    move |id: &str| {
        let name = panel.and_then(|p| p.member(id)).map(|m| m.name.as_str());
        i18n::verify_member(name, id)
    }
}

fn write_record(
    out: &mut dyn Write,
    r: &crate::verify::RecordReport,
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> io::Result<()> {
    writeln!(out, "{}", i18n::verify_record(r, name, lang))?;
    for p in r.problems.iter().skip(1) {
        writeln!(out, "  {}", i18n::verify_problem(p, lang))?;
    }
    for n in &r.notes {
        writeln!(out, "  {}", i18n::verify_note(n, name, lang))?;
    }
    Ok(())
}

/// An allowed-signers file (OpenSSH's format), or the line saying why it cannot be used.
fn read_allowed_signers(f: &Path, lang: Lang) -> Result<Vec<crate::sshsig::AllowedSigner>, String> {
    let text = crate::store::read::read_text(f)
        .map_err(|e| i18n::allowed_signers_unread(f, e.line, e.col, &e.msg, lang))?;
    crate::sshsig::parse_allowed_signers(&text)
        .map_err(|(line, e)| i18n::allowed_signers_bad_line(f, line, &e, lang))
}

/// `docket sign`: the member running it signs a sealed meeting's minutes (and its addenda)
/// with their own key, through their ssh-agent.
pub fn sign(
    dir: &Path,
    meeting: &str,
    member: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<i32> {
    use crate::store::{ledger, minutes, seal};
    let (panel, report) = crate::config::load_panel_only(dir);
    let Some(panel) = panel else {
        for d in &report.diagnostics {
            writeln!(out, "{}", d.render(lang))?;
        }
        return Ok(1);
    };
    let path = minutes::path_for(dir, meeting);
    if !path.exists() {
        let said = i18n::sign_outcome(&path, &i18n::SignOutcome::NoMinutes, lang);
        writeln!(out, "{said}")?;
        return Ok(1);
    }
    // Only a record that verifies is signed: a signature vouches for what it covers.
    // A ledger that cannot be read checks nothing: nothing is signed until it can be.
    let led = match ledger::read(dir) {
        Ok(l) => l,
        Err(_) => {
            writeln!(out, "{}", i18n::LEDGER_UNREADABLE.get(lang))?;
            return Ok(1);
        }
    };
    let led = Some(led);
    let opts = crate::verify::Options::default();
    let records = crate::verify::check_minutes(&path, Some(dir), Some(&panel), led.as_ref(), &opts);
    let mut code = 0;
    let signer = match sign_as(&panel, member) {
        Ok(m) => m,
        Err(why) => {
            writeln!(out, "{}", i18n::sign_refused(&why, lang))?;
            return Ok(1);
        }
    };
    for r in &records {
        let said = |what: &i18n::SignOutcome| i18n::sign_outcome(&r.path, what, lang);
        if r.state == crate::verify::State::NotFinal {
            writeln!(out, "{}", said(&i18n::SignOutcome::NotSealed))?;
            code = 1;
            continue;
        }
        if let Some(p) = r.problems.first() {
            writeln!(out, "{}", said(&i18n::SignOutcome::WillNot(p)))?;
            code = 1;
            continue;
        }
        let file = r
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if r.signatures.iter().any(|s| s.member == signer.id) {
            writeln!(out, "{}", said(&i18n::SignOutcome::Already))?;
            continue;
        }
        let text = crate::store::read::read_text_capped(&r.path, minutes::READ_MINUTES)
            .map_err(|e| io::Error::other(i18n::msg(&e.msg, lang)))?;
        // The very bytes checked: the file could have been replaced since it was read.
        let entered = led
            .as_ref()
            .and_then(|l| l.sealed(&file))
            .and_then(|e| match &e.record {
                ledger::Record::Sealed { digest, .. } => Some(digest.clone()),
                _ => None,
            });
        if entered.is_some_and(|d| d != minutes::sha256_hex(text.as_bytes())) {
            let changed = crate::verify::Problem::ChangedSinceLedger { line: 0 };
            writeln!(out, "{}", said(&i18n::SignOutcome::WillNot(&changed)))?;
            code = 1;
            continue;
        }
        let (armored, fp) = match seal::sign(signer, text.as_bytes()) {
            Ok(s) => s,
            Err(why) => {
                writeln!(out, "{}", i18n::signing(&why, lang))?;
                return Ok(1);
            }
        };
        let modes = crate::store::disk::Modes::of_panel(&panel);
        // The clerk's docket makes the folder at F when the clerk signs; else the first
        // signer does (anyone who cannot is told why below).
        let name = seal::free_signature_name(dir, &file, &signer.id);
        let written = seal::ensure_signatures_dir(dir, modes)
            .and_then(|()| seal::write_signature(dir, &name, &armored));
        if let Err(e) = written {
            let at = dir.join(seal::SIGNATURES_DIR).join(&name);
            let said = i18n::sign_outcome(&at, &i18n::SignOutcome::Unwritten(&e), lang);
            writeln!(out, "{said}")?;
            return Ok(1);
        }
        let signed = i18n::SignOutcome::Signed {
            name: &signer.name,
            id: &signer.id,
            fingerprint: &fp,
        };
        writeln!(out, "{}", said(&signed))?;
    }
    // Entered in the ledger now if the panel is free to write, else by the clerk's docket
    // when it next opens the panel.
    let modes = crate::store::disk::Modes::of_panel(&panel);
    let line = format!(
        "{} sign {}\n",
        crate::store::system_user(),
        std::process::id()
    );
    let mut held = false;
    let entered = match crate::store::disk::lock(dir, modes, &line) {
        Err(crate::store::disk::LockError::Held(_)) => {
            held = true;
            false
        }
        Ok(lock) => {
            let mut disk = crate::store::disk::RealDisk::new(dir, modes);
            disk.hold(&lock);
            let mut l = ledger::read(dir).unwrap_or_default();
            let at = jiff::Timestamp::now()
                .to_zoned_datetime(panel_tz(&panel))
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string();
            match seal::enter_pending(&mut disk, dir, &mut l, &panel, &at) {
                Ok(_) => l.exists,
                Err(e) => {
                    writeln!(out, "{}", i18n::write_error(&e, lang))?;
                    false
                }
            }
        }
        Err(_) => false,
    };
    if code == 0 && !entered {
        let why = if held {
            i18n::SIGN_PENDING
        } else {
            i18n::SIGN_PENDING_CLERK
        };
        writeln!(out, "{}", why.get(lang))?;
    }
    Ok(code)
}

/// The panel's time zone, else the system's.
fn panel_tz(panel: &crate::domain::panel::Panel) -> jiff::tz::TimeZone {
    panel
        .timezone
        .as_deref()
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system)
}

/// Who is signing: the member named, or the one member whose key the agent holds.
fn sign_as<'a>(
    panel: &'a crate::domain::panel::Panel,
    member: Option<&str>,
) -> Result<&'a crate::domain::panel::Member, i18n::SignAs> {
    use crate::store::seal::member_key;
    if let Some(id) = member {
        let m = panel
            .member(id)
            .ok_or_else(|| i18n::SignAs::NoSuchMember(id.to_string()))?;
        if member_key(m).is_none() {
            return Err(i18n::SignAs::NoKey(m.id.clone()));
        }
        return Ok(m);
    }
    let held: Vec<String> = crate::sshsig::Agent::from_env()
        .and_then(|mut a| a.identities())
        .map_err(|_| i18n::SignAs::NoAgent)?
        .iter()
        .map(crate::sshsig::fingerprint)
        .collect();
    let mine: Vec<&crate::domain::panel::Member> = panel
        .members
        .iter()
        .filter(|m| member_key(m).is_some_and(|k| held.contains(&crate::sshsig::fingerprint(&k))))
        .collect();
    match mine.as_slice() {
        [m] => Ok(m),
        [] => Err(i18n::SignAs::NoMemberKey),
        _ => Err(i18n::SignAs::Several(
            mine.iter().map(|m| m.id.clone()).collect(),
        )),
    }
}

/// `docket allowed-signers`: the members' keys in OpenSSH's allowed-signers format, for
/// `ssh-keygen -Y verify`: each member's `key`, then their `previous_keys`. Only panel.yaml's:
/// a key named in the ledger alone vouches for nothing.
pub fn allowed_signers(dir: &Path, lang: Lang, out: &mut dyn Write) -> io::Result<i32> {
    use crate::sshsig;
    let (panel, report) = crate::config::load_panel_only(dir);
    let Some(panel) = panel else {
        for d in &report.diagnostics {
            writeln!(out, "{}", d.render(lang))?;
        }
        return Ok(1);
    };
    for m in &panel.members {
        for k in m.key.iter().chain(&m.previous_keys) {
            // docket check refuses an id that cannot be a principal; never print a wildcard.
            if let Some(line) = sshsig::parse_public_key(k)
                .ok()
                .and_then(|k| sshsig::allowed_signers_line(&m.id, &k).ok())
            {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(0)
}
