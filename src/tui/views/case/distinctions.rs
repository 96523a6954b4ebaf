//! The distinctions part: tolerable on the left, not tolerable on the right, each found
//! side marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::meeting::{CaseRecord, Side};
use crate::domain::rules::Kind;
use crate::i18n;
use crate::text::{fit, pad, wrap};
use crate::tui::app::Part;

use super::super::Ctx;
use super::window;

/// The distinctions as rows of two columns; the found side marked `[x]` and coloured, in at
/// most `h` rows. Each reads whole (wrapped, with its basis) unless `compact`; when that is
/// too tall, the selected one alone while the part is in front, and if even that is too tall
/// the rows around it with a "more" mark.
pub(super) fn distinction_lines(
    cx: &Ctx,
    kind: &Kind,
    record: Option<&CaseRecord>,
    w: usize,
    compact: bool,
    h: usize,
) -> Vec<Line<'static>> {
    let focused = cx.app.part() == Part::Distinctions;
    let selected = cx.app.case_view.distinction;
    let (lines, _) = distinction_rows(cx, kind, record, w, &|_| !compact);
    if lines.len() <= h {
        return lines;
    }
    let (lines, (_, end)) = distinction_rows(cx, kind, record, w, &|i| {
        !compact && focused && i == selected
    });
    // Keep the selected distinction's last row above the "more" mark.
    let scroll = (end + 2).saturating_sub(h);
    window(cx, lines, h, scroll)
}

/// The rows of the distinctions, each wrapped whole when `whole(i)`, and where the selected
/// one's rows end.
pub(super) fn distinction_rows(
    cx: &Ctx,
    kind: &Kind,
    record: Option<&CaseRecord>,
    w: usize,
    whole: &dyn Fn(usize) -> bool,
) -> (Vec<Line<'static>>, (usize, usize)) {
    let lang = cx.lang;
    let mut selected = (0, 0);
    let gutter = 4;
    let col = w.saturating_sub(gutter + 3) / 2;
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(gutter)),
        Span::styled(pad(i18n::TOLERABLE.get(lang), col), cx.theme.title()),
        Span::raw(" | "),
        Span::styled(i18n::NOT_TOLERABLE.get(lang).to_string(), cx.theme.title()),
    ])];
    for (i, d) in kind.distinctions.iter().enumerate() {
        let compact = !whole(i);
        let start = lines.len();
        let finding = record.and_then(|r| r.finding(&d.id));
        let side = finding.map(|f| f.side);
        let mark = |s: Side| if side == Some(s) { "[x] " } else { "[ ] " };
        let side_text = |s: Side, t: &str| -> Vec<String> {
            let text = format!("{}{t}", mark(s));
            if compact {
                vec![fit(&text, col)]
            } else {
                wrap(&text, col)
            }
        };
        let left = side_text(Side::Tolerable, d.tolerable.get(lang));
        let right = side_text(Side::NotTolerable, d.not_tolerable.get(lang));
        let style_l = if side == Some(Side::Tolerable) {
            cx.theme.tolerable()
        } else {
            Style::new()
        };
        let style_r = if side == Some(Side::NotTolerable) {
            cx.theme.not_tolerable()
        } else {
            Style::new()
        };
        let cursor = i == cx.app.case_view.distinction;
        let id_style = if cursor && cx.app.part() == Part::Distinctions {
            cx.theme.selected()
        } else {
            cx.theme.title()
        };
        let n = left.len().max(right.len());
        for k in 0..n {
            let gut = if k == 0 {
                Span::styled(pad(&d.id, 3), id_style)
            } else {
                Span::raw("   ")
            };
            lines.push(Line::from(vec![
                gut,
                Span::raw(" "),
                Span::styled(pad(left.get(k).map_or("", String::as_str), col), style_l),
                Span::raw(" | "),
                Span::styled(right.get(k).cloned().unwrap_or_default(), style_r),
            ]));
        }
        if let Some(f) = finding.filter(|f| !f.basis.is_empty() && !compact) {
            for l in wrap(
                &format!("{}: {}", i18n::BASIS.get(lang), f.basis),
                w.saturating_sub(gutter),
            ) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(gutter)),
                    Span::styled(l, cx.theme.dim()),
                ]));
            }
        }
        if i == cx.app.case_view.distinction {
            selected = (start, lines.len() - 1);
        }
    }
    (lines, selected)
}

pub(super) fn distinctions(
    frame: &mut Frame,
    cx: &Ctx,
    lines: Vec<Line<'static>>,
    area: Rect,
    focused: bool,
) {
    let block = cx.block(i18n::DISTINCTIONS.get(cx.lang), focused);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
