//! The queue: one row per case, filtered and sorted, the selected one marked; during a
//! meeting the agenda first, in its order.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use crate::i18n;
use crate::text::{fit, pad, width};
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
        .session
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
    let id_w = app.session.index.id_width.clamp(6, 14);
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
    let widths = [
        id_w, kind_w, subject_w, unit_w, claimed_w, status_w, notes_w,
    ];
    let right = area.right();
    // Each cell is set at its column, not laid out as one padded line: the padding between
    // columns is most of a wide row, and measuring it again every frame was most of a move.
    let put = |buf: &mut Buffer, y: u16, cells: [&str; 7], styles: [Style; 7]| {
        let mut x = area.x + 1;
        for ((c, wd), st) in cells.into_iter().zip(widths).zip(styles) {
            if x >= right {
                break;
            }
            let wd = wd.min(usize::from(right - x));
            // Only a reversed cell shows its padding.
            let text = if st.add_modifier.contains(Modifier::REVERSED) {
                pad(c, wd)
            } else {
                fit(c, wd)
            };
            buf.set_stringn(x, y, text, wd, st);
            x = x
                .saturating_add(u16::try_from(wd).unwrap_or(u16::MAX))
                .saturating_add(1);
        }
    };
    let rows_shown = usize::from(area.height).saturating_sub(2);
    let visible = app.visible();
    let at = visible.iter().position(|&i| i == app.selected).unwrap_or(0);
    // The first row as the keystrokes paged it; the list ends full. Drawn at another size
    // than the keystroke knew, the selected row may fall outside: then it is the last shown.
    let top = app.queue_top.min(visible.len().saturating_sub(rows_shown));
    let offset = if (top..top + rows_shown).contains(&at) {
        top
    } else {
        (at + 1).saturating_sub(rows_shown)
    };
    let buf = frame.buffer_mut();
    if area.height > 0 {
        let title = cx.theme.title();
        put(
            buf,
            area.y,
            [
                i18n::COL_ID.get(lang),
                i18n::COL_KIND.get(lang),
                i18n::COL_SUBJECT.get(lang),
                i18n::COL_UNIT.get(lang),
                i18n::COL_CLAIMED.get(lang),
                i18n::COL_STATUS.get(lang),
                "",
            ],
            [title; 7],
        );
    }
    for (n, &i) in visible.iter().skip(offset).take(rows_shown).enumerate() {
        let y = area.y + 1 + u16::try_from(n).unwrap_or(u16::MAX);
        let c = &app.session.cases[i].case;
        let kind = app
            .session
            .panel
            .rules
            .kind(&c.kind)
            .map_or(c.kind.as_str(), |k| k.short(lang));
        let (reviewing, reviewed) = app.session.review_marks(&c.id);
        let mut notes = Vec::new();
        if app.session.state.incomplete(&c.id).is_some() {
            notes.push(i18n::ST_INCOMPLETE.get(lang));
        }
        if reviewing {
            notes.push(i18n::REVIEWING.get(lang));
        }
        if reviewed {
            notes.push(i18n::REVIEWED.get(lang));
        }
        let st = app.session.status(&c.id);
        let style = if matches!(st, Status::Held | Status::Decided) {
            cx.theme.dim()
        } else {
            Style::new()
        };
        let mut styles = [style; 7];
        if i == app.selected {
            // A mark and the id reversed, not the whole row: a move then redraws two marks
            // and two ids instead of two full rows, which matters over a thin SSH link.
            // `>` rather than a triangle, which CJK terminals may draw two columns wide.
            buf.set_stringn(area.x, y, ">", 1, cx.theme.title());
            styles[0] = cx.theme.selected();
        }
        let subject = format!("{} {}", c.subject.name, c.subject.position);
        let claimed = c.claimed.join(",");
        let status = status_text(st, lang);
        let notes = notes.join(" ");
        put(
            buf,
            y,
            [
                &c.id,
                kind,
                &subject,
                &c.subject.unit,
                &claimed,
                &status,
                &notes,
            ],
            styles,
        );
    }
    if visible.is_empty() && area.height > 1 {
        let none = if app.narrow.active() {
            format!(" {}", i18n::narrow_none(app.narrow.text(), lang))
        } else {
            format!(" ({})", i18n::NONE.get(lang))
        };
        buf.set_stringn(area.x, area.y + 1, fit(&none, w), w, cx.theme.dim());
    }
    if area.height > 1 {
        let foot_area = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        status_line(frame, cx, foot_area, visible.len());
    }
}

/// The queue's last row says what is shown: the filter, the sort, the text filter (being
/// typed, with the cursor, while its prompt is open), and how many of all the cases.
fn status_line(frame: &mut Frame, cx: &Ctx, area: Rect, shown: usize) {
    let (app, lang) = (cx.app, cx.lang);
    let w = usize::from(area.width);
    let head = format!(
        " {}: {}  {}: {}  ",
        i18n::FILTER.get(lang),
        i18n::filter_name(app.filter, lang),
        i18n::SORT.get(lang),
        i18n::sort_name(app.sort, lang),
    );
    let count = format!("{shown}/{}", app.session.cases.len());
    let style = if app.filter == Filter::All && !app.narrow.active() {
        cx.theme.dim()
    } else {
        cx.theme.warn()
    };
    let (text, cursor) = match &app.narrow.prompt {
        // Typed here, so safe to show; as much as fits before the count, the cursor showing.
        Some(input) => {
            let room = w.saturating_sub(width(&head) + 2 + 2 + width(&count) + 1);
            let (shown, col) = input.view(room);
            (format!("& {shown}  "), Some(width(&head) + 2 + col))
        }
        None if app.narrow.active() => (format!("& {}  ", fit(app.narrow.text(), 40)), None),
        None => (String::new(), None),
    };
    let foot = format!("{head}{text}{count}");
    frame.render_widget(Paragraph::new(Span::styled(fit(&foot, w), style)), area);
    if let Some(col) = cursor {
        frame.set_cursor_position(ratatui::layout::Position {
            x: area.x
                + u16::try_from(col)
                    .unwrap_or(u16::MAX)
                    .min(area.width.saturating_sub(1)),
            y: area.y,
        });
    }
}
