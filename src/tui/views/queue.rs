//! The queue: one row per case, filtered and sorted, the selected one reversed; during a
//! meeting the agenda first, in its order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n;
use crate::text::{pad, width};
use crate::tui::triage::{Filter, Status};

use super::Ctx;

/// What the queue's status column says.
pub fn status_text(st: Status, lang: crate::domain::text::Lang) -> String {
    match st {
        Status::Pending => i18n::ST_PENDING.get(lang).into(),
        Status::OnAgenda(n) => format!("{} {n}", i18n::ST_ON_AGENDA.get(lang)),
        Status::Held => i18n::ST_HELD.get(lang).into(),
        Status::InMeeting => i18n::ST_IN_MEETING.get(lang).into(),
        Status::Decided => i18n::ST_DECIDED.get(lang).into(),
        Status::Deferred => i18n::ST_DEFERRED.get(lang).into(),
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
        i18n::ST_HELD,
        i18n::COL_STATUS,
    ]
    .iter()
    .map(|s| width(s.get(lang)))
    .chain([width(i18n::ST_ON_AGENDA.get(lang)) + 3])
    .max()
    .unwrap_or(8);
    let id_w = app
        .cases
        .iter()
        .map(|c| width(&c.case.id))
        .max()
        .unwrap_or(8)
        .clamp(6, 14);
    let claimed_w = width(i18n::COL_CLAIMED.get(lang)).max(7);
    let notes_w = [i18n::REVIEWED, i18n::ST_INCOMPLETE]
        .iter()
        .map(|s| width(s.get(lang)))
        .max()
        .unwrap_or(8);
    let fixed = id_w + kind_w + claimed_w + status_w + notes_w + 6 + 1;
    let rest = w.saturating_sub(fixed);
    let subject_w = rest * 3 / 5;
    let unit_w = rest - subject_w;
    let row = |cells: [String; 7]| -> String {
        let widths = [
            id_w, kind_w, subject_w, unit_w, claimed_w, status_w, notes_w,
        ];
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
            String::new(),
        ]),
        cx.theme.title(),
    ))];
    let rows_shown = usize::from(area.height).saturating_sub(2);
    let visible = app.visible();
    let at = visible.iter().position(|&i| i == app.selected).unwrap_or(0);
    let offset = (at + 1).saturating_sub(rows_shown);
    for &i in visible.iter().skip(offset).take(rows_shown) {
        let c = &app.cases[i].case;
        let kind = app
            .panel
            .rules
            .kind(&c.kind)
            .map_or(c.kind.clone(), |k| k.short(lang).to_string());
        let (reviewing, reviewed) = app.review_marks(&c.id);
        let mut notes = Vec::new();
        if app.state.incomplete(&c.id).is_some() {
            notes.push(i18n::ST_INCOMPLETE.get(lang));
        }
        if reviewing {
            notes.push(i18n::REVIEWING.get(lang));
        }
        if reviewed {
            notes.push(i18n::REVIEWED.get(lang));
        }
        let st = app.status(&c.id);
        let text = row([
            c.id.clone(),
            kind,
            format!("{} {}", c.subject.name, c.subject.position),
            c.subject.unit.clone(),
            c.claimed.join(","),
            status_text(st, lang),
            notes.join(" "),
        ]);
        let style = if i == app.selected {
            cx.theme.selected()
        } else if matches!(st, Status::Held | Status::Decided) {
            cx.theme.dim()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if visible.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" ({})", i18n::NONE.get(lang)),
            cx.theme.dim(),
        )));
    }
    // The last row says what is shown: the filter, the sort, how many.
    let foot = format!(
        " {}: {}  {}: {}  {}/{}",
        i18n::FILTER.get(lang),
        i18n::filter_name(app.filter, lang),
        i18n::SORT.get(lang),
        i18n::sort_name(app.sort, lang),
        visible.len(),
        app.cases.len()
    );
    let foot_style = if app.filter == Filter::All {
        cx.theme.dim()
    } else {
        cx.theme.warn()
    };
    frame.render_widget(Paragraph::new(lines), area);
    if area.height > 1 {
        let foot_area = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(crate::text::fit(&foot, w), foot_style)),
            foot_area,
        );
    }
}
