//! The queue: one row per case, the selected one reversed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::case::Case;
use crate::i18n;

use super::Ctx;
use crate::text::{pad, width};

/// What the queue says about a case.
pub fn status(
    cx: &Ctx,
    case: &Case,
    decided: &std::collections::HashMap<String, String>,
) -> String {
    let app = cx.app;
    let kind = app.panel.rules.kind(&case.kind);
    let label = |outcome: &str| -> String {
        let deferral = kind
            .and_then(|k| k.outcome(outcome))
            .is_some_and(|o| o.deferral);
        if deferral {
            i18n::ST_DEFERRED.get(cx.lang).to_string()
        } else {
            i18n::ST_DECIDED.get(cx.lang).to_string()
        }
    };
    if let Some(r) = app.meeting.as_ref().and_then(|m| m.record(&case.id)) {
        return match r.determination() {
            Some(d) => label(&d.outcome),
            None => i18n::ST_IN_MEETING.get(cx.lang).to_string(),
        };
    }
    match decided.get(&case.id) {
        Some(o) => label(o),
        None => i18n::ST_PENDING.get(cx.lang).to_string(),
    }
}

pub fn draw(frame: &mut Frame, cx: &Ctx, area: Rect) {
    let app = cx.app;
    let lang = cx.lang;
    let w = usize::from(area.width);
    let kind_w = app
        .panel
        .rules
        .kinds
        .iter()
        .map(|k| width(k.short(lang)))
        .chain([width(i18n::COL_KIND.get(lang))])
        .max()
        .unwrap_or(4);
    let status_w = [
        i18n::ST_PENDING,
        i18n::ST_DECIDED,
        i18n::ST_DEFERRED,
        i18n::ST_IN_MEETING,
        i18n::COL_STATUS,
    ]
    .iter()
    .map(|s| width(s.get(lang)))
    .max()
    .unwrap_or(8);
    let id_w = app
        .cases
        .iter()
        .map(|c| width(&c.case.id))
        .max()
        .unwrap_or(8)
        .clamp(6, 14);
    let claimed_w = 9;
    let fixed = id_w + kind_w + claimed_w + status_w + 5 + 1;
    let rest = w.saturating_sub(fixed);
    let subject_w = rest * 3 / 5;
    let unit_w = rest - subject_w;
    let row = |cells: [String; 6]| -> String {
        let widths = [id_w, kind_w, subject_w, unit_w, claimed_w, status_w];
        let mut s = String::from(" ");
        for (i, (c, wd)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&pad(c, wd));
        }
        s
    };
    let mut lines = vec![Line::from(Span::styled(
        row([
            i18n::COL_ID.get(lang).into(),
            i18n::COL_KIND.get(lang).into(),
            i18n::COL_SUBJECT.get(lang).into(),
            i18n::COL_UNIT.get(lang).into(),
            i18n::COL_CLAIMED.get(lang).into(),
            i18n::COL_STATUS.get(lang).into(),
        ]),
        cx.theme.title(),
    ))];
    let rows = usize::from(area.height).saturating_sub(1);
    let offset = if app.selected >= rows {
        app.selected + 1 - rows
    } else {
        0
    };
    let decided = app.decided();
    for (i, loaded) in app.cases.iter().enumerate().skip(offset).take(rows) {
        let c = &loaded.case;
        let kind = app
            .panel
            .rules
            .kind(&c.kind)
            .map_or(c.kind.clone(), |k| k.short(lang).to_string());
        let text = row([
            c.id.clone(),
            kind,
            format!("{} {}", c.subject.name, c.subject.position),
            c.subject.unit.clone(),
            c.claimed.join(","),
            status(cx, c, &decided),
        ]);
        let style = if i == app.selected {
            cx.theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if app.cases.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" ({})", i18n::NONE.get(lang)),
            cx.theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
