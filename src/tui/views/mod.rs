//! Drawing: one module per screen, plus the popups. Views read the state and draw; they
//! never change it.

mod case;
mod help;
mod popup;
mod queue;
mod roll;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::quorum::Quorum;
use crate::domain::text::Lang;
use crate::i18n;

use super::app::{App, Level, Screen};
use super::keymap::Keymap;
use super::theme::Theme;
use crate::text;

pub use super::app::{MIN_HEIGHT, MIN_WIDTH};

/// Everything a view needs besides the state.
pub struct Ctx<'a> {
    pub app: &'a App,
    pub keymap: &'a Keymap,
    pub theme: Theme,
    pub lang: Lang,
}

impl Ctx<'_> {
    pub fn block<'b>(&self, title: &str, focused: bool) -> Block<'b> {
        let style = if focused {
            self.theme.focus_border()
        } else {
            Style::new()
        };
        Block::new()
            .borders(Borders::ALL)
            .border_set(self.theme.border())
            .border_style(style)
            .title(Span::styled(format!(" {title} "), self.theme.title()))
    }
}

/// Draws the screen from the App as it stands; nothing in it changes.
pub fn draw(frame: &mut Frame, app: &App, keymap: &Keymap, theme: Theme) {
    draw_measured(frame, app, keymap, theme);
}

/// How far the case screen's part in front can scroll at the App's size: the case drawn
/// aside, where only the wrapping of its text at this size can say. Asked by `j`.
pub fn scroll_max(app: &App) -> u16 {
    let (w, h) = app.area;
    // A test backend cannot fail: its error is `Infallible`.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h))
        .unwrap_or_else(|e| match e {});
    let keymap = Keymap::new(Default::default());
    let mut max = 0;
    let _ = t.draw(|f| max = draw_measured(f, app, &keymap, Theme::new(false, app.ascii)));
    max
}

/// [`draw`], saying how far the case screen's part in front can scroll (0 elsewhere).
fn draw_measured(frame: &mut Frame, app: &App, keymap: &Keymap, theme: Theme) -> u16 {
    let area = frame.area();
    let cx = Ctx {
        app,
        keymap,
        theme,
        lang: app.lang,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        // Only leaving acts here, so only leaving is offered (and confirmed, in a meeting).
        let msg = if app.popup == Some(super::app::Popup::Confirm(super::app::Confirm::Quit)) {
            format!(
                "{}\n{}",
                i18n::QUIT_IN_MEETING.get(app.lang),
                i18n::K_QUIT_CONFIRM.get(app.lang)
            )
        } else {
            format!(
                "{} ({}x{})\nq: {}",
                i18n::TOO_SMALL.get(app.lang),
                area.width,
                area.height,
                i18n::K_QUIT_ONLY.get(app.lang)
            )
        };
        frame.render_widget(
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return 0;
    }
    let [header, body, message, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, &cx, header);
    let max = match app.screen {
        Screen::Queue => {
            queue::draw(frame, &cx, body);
            0
        }
        Screen::Case => case::draw(frame, &cx, body),
        Screen::Roll => {
            roll::draw(frame, &cx, body);
            0
        }
    };
    draw_message(frame, &cx, message);
    draw_hints(frame, &cx, hints);
    popup::draw(frame, &cx, area);
    max
}

/// The quorum as a phrase: `到会 6 / 需 4 达到法定人数`.
pub fn quorum_text(q: &Quorum, lang: Lang) -> String {
    format!(
        "{} {} / {} {} {}",
        i18n::PRESENT.get(lang),
        q.present,
        i18n::NEEDED.get(lang),
        q.needed,
        if q.met {
            i18n::QUORUM_MET.get(lang)
        } else {
            i18n::QUORUM_NOT_MET.get(lang)
        }
    )
}

/// The header: panel, meeting and its quorum live; the panel's name gives way first, then
/// the method, so the quorum always shows.
fn draw_header(frame: &mut Frame, cx: &Ctx, area: Rect) {
    let app = cx.app;
    let w = usize::from(area.width);
    let mut tail: Vec<(String, Style)> = Vec::new();
    match &app.session.meeting {
        Some(m) => {
            let q = m.quorum(&app.session.panel);
            tail.push((
                format!("{} {}  ", i18n::MEETING.get(cx.lang), text::fit(&m.id, 16)),
                Style::new(),
            ));
            let style = if q.met {
                cx.theme.ok()
            } else {
                cx.theme.warn()
            };
            tail.push((quorum_text(&q, cx.lang), style));
            if app.session.final_minutes.is_some() {
                tail.push((format!("  [{}]", i18n::FINAL.get(cx.lang)), cx.theme.warn()));
            }
            let method = format!("  {}", i18n::method(m.method, cx.lang));
            let used: usize = tail.iter().map(|(s, _)| text::width(s)).sum();
            if used + text::width(&method) + 16 <= w {
                tail.push((method, Style::new()));
            }
        }
        None => tail.push((i18n::NO_MEETING.get(cx.lang).to_string(), cx.theme.dim())),
    }
    if app.session.read_only.is_some() {
        tail.insert(
            0,
            (
                format!("[{}]  ", i18n::READ_ONLY_MARK.get(cx.lang)),
                cx.theme.warn(),
            ),
        );
    }
    let used: usize = tail.iter().map(|(s, _)| text::width(s)).sum();
    let room = w.saturating_sub(used + 2);
    let mut spans = vec![
        Span::styled(text::fit(&app.session.panel.name, room), cx.theme.title()),
        Span::raw("  "),
    ];
    spans.extend(tail.into_iter().map(|(s, st)| Span::styled(s, st)));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_message(frame: &mut Frame, cx: &Ctx, area: Rect) {
    let Some((level, msg)) = &cx.app.message else {
        return;
    };
    let style = match level {
        Level::Info => cx.theme.ok(),
        Level::Warn => cx.theme.warn(),
    };
    let w = usize::from(area.width);
    frame.render_widget(Paragraph::new(Span::styled(text::fit(msg, w), style)), area);
}

/// The hint bar: the main keys of what is in front, as many as fit; the help key always
/// shows, last, so that every other key can be found.
fn draw_hints(frame: &mut Frame, cx: &Ctx, area: Rect) {
    let ctx = cx.app.context();
    let mut spans = Vec::new();
    let mut used = 0usize;
    let w = usize::from(area.width);
    let hints = cx.keymap.hints(ctx, cx.lang, |a| cx.app.acts(ctx, a));
    let help_key = cx
        .keymap
        .bindings(ctx)
        .into_iter()
        .find(|b| b.action == crate::tui::app::Action::Help)
        .and_then(|b| b.keys.first().cloned());
    let (help, others): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(k, _)| Some(k) == help_key.as_ref());
    let piece = |key: &str, help: &str| text::width(key) + 1 + text::width(help) + 2;
    let reserve: usize = help.iter().map(|(k, h)| piece(k, h)).sum();
    let push = |spans: &mut Vec<Span>, key: &str, help: &str| {
        // Key names can come from the user's settings file: escaped like any file text.
        spans.push(Span::styled(text::fit(key, 12), cx.theme.key()));
        spans.push(Span::raw(format!(" {help}  ")));
    };
    for (key, h) in &others {
        if used + piece(key, h) + reserve > w {
            break;
        }
        push(&mut spans, key, h);
        used += piece(key, h);
    }
    for (key, h) in &help {
        push(&mut spans, key, h);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
