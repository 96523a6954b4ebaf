//! The terminal front end. `app` holds the screen's state and `update`, over the meeting
//! session (`crate::session`); `screens` and `popups` each screen's and popup's keys;
//! `keymap` turns keys into actions (`action`); `views` draw. This module owns the terminal:
//! it opens the panel, runs the event loop and has the session write the minutes after
//! every change.

pub mod action;
pub mod app;
pub mod input;
pub mod keymap;
pub mod narrow;
pub mod popups;
mod screens;
mod signals;
pub mod triage;

pub mod theme;
pub mod views;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::domain::text::Lang;
use crate::failure::{What, tag};
use crate::i18n;
use crate::session::{self, casefile};
use crate::store;

use app::{Action, App, Popup};
use keymap::{Context, Keymap};
use theme::Theme;

/// How docket was asked to look.
pub struct Options {
    pub lang: Lang,
    pub ascii: bool,
    pub color: bool,
    /// Bracketed paste; off for terminals of the vt100 family, which do not know it.
    pub paste: bool,
    pub keys: std::collections::HashMap<String, Vec<String>>,
    /// The settings' `keys:` entries docket cannot honour (`keymap::check`): the first is
    /// shown on opening, where stderr would be lost behind the screen.
    pub key_problems: Vec<crate::config::SettingsProblem>,
}

/// Loads a panel to write to it (see [`load`]).
pub fn load_app(dir: &Path, lang: Lang, err: &mut dyn Write) -> io::Result<Option<App>> {
    load(dir, lang, true, err)
}

/// The panel opened on the screen (see `session::load`): the case where a meeting stopped is
/// open, and the session's first word shown.
pub fn load(
    dir: &Path,
    lang: Lang,
    writable: bool,
    err: &mut dyn Write,
) -> io::Result<Option<App>> {
    let Some(s) = session::open(dir, lang, err)? else {
        return Ok(None);
    };
    let mut app = App::new(s, lang);
    read(&mut app, writable);
    Ok(Some(app))
}

/// The minutes and journals into an opened App (see `session::read`).
pub fn read(app: &mut App, writable: bool) {
    session::read_records(&mut app.session, writable, app.lang);
    app.hear();
    session::settle(&mut app.session, writable, app.lang);
    app.hear();
    app.keep_whole();
}

/// Makes what the App recorded durable on the real disk (see `session::save`).
pub fn save(app: &mut App) {
    let mut disk = store::disk::RealDisk::new(&app.session.dir, session::modes_for(&app.session));
    save_to(app, &mut disk);
}

/// Makes what the App recorded durable through `disk`, and shows what the session said.
pub fn save_to(app: &mut App, disk: &mut dyn store::disk::Disk) {
    session::save(&mut app.session, disk, app.lang);
    app.hear();
}

/// Follows another docket's meeting (see `session::refresh`); the screen stays where it was.
pub fn refresh(app: &mut App, seen: &mut Option<std::time::SystemTime>) {
    let keep = (app.screen, app.selected, app.queue_row);
    session::refresh(&mut app.session, seen, app.lang);
    app.hear();
    (app.screen, app.selected, app.queue_row) = keep;
    if app.screen == app::Screen::Queue {
        app.keep_rows();
    }
    app.keep_whole();
}

/// A locale that names a character set other than UTF-8 (zh_CN.GBK) garbles Chinese text;
/// `C` and `POSIX` are fine: the terminal decides, and most are UTF-8.
pub fn non_utf8_locale() -> Option<String> {
    for var in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            let charset = v
                .split('.')
                .nth(1)
                .unwrap_or("")
                .split('@')
                .next()
                .unwrap_or("");
            let cs = charset.to_ascii_lowercase().replace('-', "");
            if !charset.is_empty() && cs != "utf8" {
                return Some(v);
            }
            return None;
        }
    }
    None
}

/// Runs docket on a panel folder until the user quits or a signal ends it.
pub fn run(dir: &Path, opts: Options) -> io::Result<i32> {
    let mut stderr = io::stderr();
    let Some(s) = session::open(dir, opts.lang, &mut stderr)? else {
        return Ok(1);
    };
    let mut app = App::new(s, opts.lang);
    let since = app.session.now();
    let lock = session::lock(&app.session, &since);
    // Only the writer writes what recovery finds in the journal.
    read(&mut app, lock.is_ok());
    if let Err(e) = &lock {
        let holder = session::lock_refused(e, app.lang);
        let text = match e {
            session::LockError::Held(_) => i18n::read_only(&holder, app.lang),
            session::LockError::Refused(_) => holder.clone(),
        };
        app.session.follow(holder);
        app.warn(text);
    }
    // A warning about the meeting (read-only, a broken case) matters more than a key.
    if !matches!(app.message, Some((app::Level::Warn, _)))
        && let Some(note) = i18n::settings_problems_note(&opts.key_problems, app.lang)
    {
        app.warn(note);
    }
    app.ascii = opts.ascii;
    let keymap = Keymap::new(opts.keys);
    let theme = Theme::new(opts.color, opts.ascii);
    let mut disk = store::disk::RealDisk::new(&app.session.dir, session::modes_for(&app.session));
    match &lock {
        Ok(l) => disk.hold(l),
        Err(_) => disk.release(),
    }
    // Signals are handled on a thread of their own: on a dead terminal the event loop may
    // never notice. Every step on screen is already on disk; the writer is let finish.
    let persisting = Arc::new(Mutex::new(()));
    signals::watch(Arc::clone(&persisting)).map_err(tag(What::StartTerminal))?;
    let mut terminal = ratatui::try_init().map_err(tag(What::StartTerminal))?;
    if opts.paste {
        let _ = execute!(io::stdout(), EnableBracketedPaste);
    }
    let mut lock = lock.ok();
    let result = event_loop(
        &mut terminal,
        &mut app,
        &keymap,
        theme,
        &mut disk,
        &persisting,
        &mut lock,
    );
    {
        let _guard = persisting.lock();
        save_to(&mut app, &mut disk);
    }
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    drop(lock);
    result.map(|()| 0).map_err(tag(What::Terminal))
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    keymap: &Keymap,
    theme: Theme,
    disk: &mut store::disk::RealDisk,
    persisting: &Mutex<()>,
    lock: &mut Option<session::Lock>,
) -> io::Result<()> {
    let mut seen = session::newest_change(&app.session.dir);
    let mut first = true;
    loop {
        let size = terminal.size()?;
        app.page = usize::from(size.height).saturating_sub(5).max(1);
        app.area = (size.width, size.height);
        terminal.draw(|f| views::draw(f, app, keymap, theme))?;
        if std::mem::take(&mut first) {
            log::info!("first screen drawn");
        }
        if app.quit {
            return Ok(());
        }
        // A reader follows the writer: poll, and re-read the minutes when they change.
        if app.session.read_only.is_some() && !event::poll(Duration::from_millis(500))? {
            refresh(app, &mut seen);
            // The writer is gone: this docket takes over, as the writer.
            let since = app.session.now();
            // Only a lock taken on the file at the lock's path, and still there once taken.
            if let Ok(l) = session::lock(&app.session, &since)
                && let Some(mut writer) = load(&app.session.dir, app.lang, true, &mut io::sink())?
            {
                disk.hold(&l);
                *lock = Some(l);
                (writer.screen, writer.selected, writer.ascii) =
                    (app.screen, app.selected, app.ascii);
                *app = writer;
                app.info(i18n::NOW_WRITER.get(app.lang));
            }
            continue;
        }
        let action = match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Press => keymap.action(app.context(), &k),
            Event::Paste(s) => match app.context() {
                Context::Input | Context::Form | Context::ProposalForm => Some(Action::Paste(s)),
                _ => None,
            },
            _ => None,
        };
        let Some(action) = action else { continue };
        let action = if action == Action::Editor {
            match edit_in_editor(terminal, app) {
                Some(text) => Action::Edited(text),
                None => continue,
            }
        } else {
            action
        };
        app.update(action);
        if let Some(target) = app.edit_request.take() {
            edit_case(terminal, app, target, disk);
        }
        // Durable before drawn: the journal is synced before the next frame shows the step.
        let _guard = persisting.lock();
        save_to(app, disk);
        if app.session.read_only.is_some() && lock.is_some() {
            // Stopped writing (the lock or the journal is not ours any more): let the lock go,
            // and take it again only through the follower's checks.
            *lock = None;
            disk.release();
        }
    }
}

/// `+` and `e`: a case in the user's editor, checked until valid or abandoned.
fn edit_case(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    target: Option<usize>,
    disk: &mut dyn store::disk::Disk,
) {
    let Some(dir) = crate::config::cache_dir() else {
        return;
    };
    let scratch = match target {
        Some(_) => dir.join(format!("case-{}.yaml", std::process::id())),
        None => casefile::new_case_scratch(&dir, &app.session.dir),
    };
    let original = target.and_then(|i| app.session.cases.get(i)).cloned();
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let mut run = |path: &Path| run_editor(path);
    let outcome = casefile::edit(
        &app.session,
        app.lang,
        original.as_ref(),
        &scratch,
        disk,
        &mut run,
    );
    if let Ok(t) = ratatui::try_init() {
        *terminal = t;
    }
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    match outcome {
        Ok(casefile::Outcome::Saved(path)) => {
            let loaded = crate::config::load_panel_with(
                &app.session.dir,
                crate::config::panel_cache().as_ref(),
            );
            let id = loaded
                .cases
                .iter()
                .find(|c| c.path == path)
                .map(|c| c.case.id.clone());
            app.reload_cases(loaded.cases, id.as_deref());
            app.info(i18n::CASE_SAVED.get(app.lang));
        }
        Ok(casefile::Outcome::Abandoned) => app.info(i18n::CASE_ABANDONED.get(app.lang)),
        Ok(casefile::Outcome::Drafted(path)) => {
            let text = i18n::case_drafted(&path, app.lang);
            app.warn(text);
        }
        Err(e) => app.warn(i18n::minutes_failed(&i18n::system_words(&e), app.lang)),
    }
}

/// $VISUAL, else $EDITOR, else nano, else vi, on `path`; true when it ended well.
fn run_editor(path: &Path) -> io::Result<bool> {
    Ok(launch_editor(path)?.success())
}

/// The one way docket runs the user's editor on `path`: $VISUAL, else $EDITOR, through the
/// shell as git does (`config::editor_command`), else nano, else vi.
fn launch_editor(path: &Path) -> io::Result<std::process::ExitStatus> {
    crate::config::editor_command(crate::config::editor().as_deref(), path).status()
}

/// The text of the focused field, as the editor should open it.
fn focused_text(app: &App) -> Option<String> {
    match &app.popup {
        Some(Popup::Input { input, .. }) => Some(input.text()),
        Some(Popup::Determination { form, .. })
        | Some(Popup::Proposal { form, .. })
        | Some(Popup::Counts(form)) => form.fields.get(form.focus).map(|(_, i)| i.text()),
        _ => None,
    }
}

/// Ctrl-E: the field's text in $VISUAL or $EDITOR (else nano, else vi), as `git commit` does.
/// The scratch file lives in the user's cache directory, private, and is removed after.
fn edit_in_editor(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Option<String> {
    let text = focused_text(app)?;
    let dir = crate::config::cache_dir()?;
    let path: PathBuf = dir.join(format!("edit-{}.txt", std::process::id()));
    crate::private::write_new(&path, &text).ok()?;
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let status = launch_editor(&path);
    *terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let edited = read_edited(&path);
    let _ = std::fs::remove_file(&path);
    match status {
        Ok(s) if s.success() => edited.map(|t| t.trim_end().to_string()),
        _ => None,
    }
}

/// The editor's text, read no further than any field can hold (4 bytes a character) and a
/// little more, so that the field sees that it was longer and says so; a text of gigabytes
/// is never read whole.
fn read_edited(path: &Path) -> Option<String> {
    use std::io::Read;
    let cap = 4 * input::MAX_TEXT as u64 + 8;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(cap)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// A small picker for `docket` run over a folder of several panels.
pub fn pick_panel(panels: &[PathBuf], lang: Lang, ascii: bool) -> io::Result<Option<PathBuf>> {
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;
    let theme = Theme::new(
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        ascii,
    );
    let names: Vec<String> = panels
        .iter()
        .map(|p| {
            let loaded = crate::config::load_panel_with(p, crate::config::panel_cache().as_ref());
            let name = loaded.panel.map(|x| x.name).unwrap_or_default();
            format!("{}  {}", p.display(), name)
        })
        .collect();
    let mut cursor = 0usize;
    let mut terminal = ratatui::try_init().map_err(tag(What::StartTerminal))?;
    // A failure while choosing restores the terminal before it is reported.
    let mut choose = || -> io::Result<Option<PathBuf>> {
        Ok(loop {
            terminal.draw(|f| {
                let mut lines = vec![
                    Line::styled(i18n::PICK_PANEL.get(lang), theme.title()),
                    Line::raw(""),
                ];
                for (i, n) in names.iter().enumerate() {
                    let style = if i == cursor {
                        theme.selected()
                    } else {
                        ratatui::style::Style::new()
                    };
                    lines.push(Line::styled(
                        crate::text::fit(n, usize::from(f.area().width)),
                        style,
                    ));
                }
                f.render_widget(Paragraph::new(lines), f.area());
            })?;
            if let Event::Key(k) = event::read()?
                && k.kind == KeyEventKind::Press
            {
                use ratatui::crossterm::event::KeyCode;
                match k.code {
                    KeyCode::Char('j') | KeyCode::Down => {
                        cursor = (cursor + 1).min(names.len() - 1)
                    }
                    KeyCode::Char('k') | KeyCode::Up => cursor = cursor.saturating_sub(1),
                    KeyCode::Enter => break panels.get(cursor).cloned(),
                    KeyCode::Char('q') | KeyCode::Esc => break None,
                    KeyCode::Char('c')
                        if k.modifiers
                            .contains(ratatui::crossterm::event::KeyModifiers::CONTROL) =>
                    {
                        break None;
                    }
                    _ => {}
                }
            }
        })
    };
    let chosen = choose();
    ratatui::restore();
    chosen.map_err(tag(What::Terminal))
}
